"""Assertion helpers for conformance.py: each failure names what differed from AWS's behaviour."""

import time

import sys

from botocore.exceptions import BotoCoreError, ClientError

STEP = [0]


def step(text):
    STEP[0] += 1
    print(f"[{STEP[0]:02d}] {text}", flush=True)


class Mismatch(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Mismatch(message)


def status_of(response):
    return response["ResponseMetadata"]["HTTPStatusCode"]


def expect_status(response, code, operation):
    got = status_of(response)
    check(got == code, f"{operation}: HTTP {got}, expected {code}")
    check(response["ResponseMetadata"].get("RequestId"), f"{operation}: no x-amzn-RequestId")


def expect_error(call, code, http_status, operation):
    try:
        call()
    except ClientError as e:
        got_code = e.response["Error"]["Code"]
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        check(got_code == code, f"{operation}: error code {got_code!r}, expected {code!r}")
        check(got_status == http_status, f"{operation}: HTTP {got_status}, expected {http_status}")
        check(e.response["Error"].get("Message"), f"{operation}: {code} without a message")
        return e
    raise Mismatch(f"{operation}: succeeded, expected {code}")


def wait_for(read, accept, what, timeout=30.0):
    """Polls read() until accept(value) is true; there are no SDK waiters for Bedrock agents."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        value = read()
        if accept(value):
            return value
        if not seen or seen[-1] != value:
            seen.append(value)
        time.sleep(0.05)
    raise Mismatch(f"timed out waiting for {what}; saw {seen[-5:]}")


def wait_gone(read, what):
    def gone():
        try:
            read()
            return False
        except ClientError as e:
            if e.response["Error"]["Code"] == "ResourceNotFoundException":
                check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 404, f"{what}: not-found is not 404")
                return True
            raise

    wait_for(gone, lambda done: done, f"{what} to be deleted")


def run_checks(title, checks):
    """Runs `checks()`; returns the process exit code and says at which step and how it failed."""
    try:
        checks()
    except Mismatch as e:
        print(f"MISMATCH at step {STEP[0]}: {e}", file=sys.stderr)
        return 1
    except ClientError as e:
        err = e.response.get("Error", {})
        print(f"UNEXPECTED ERROR at step {STEP[0]}: {err.get('Code')}: {err.get('Message')}", file=sys.stderr)
        return 1
    except BotoCoreError as e:
        print(f"CLIENT FAILURE at step {STEP[0]}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(f"{title}: all checks passed", flush=True)
    return 0
