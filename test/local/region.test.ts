import { describe, expect, it } from "vitest";
import { resolveRegion } from "../../src/aws/target-settings.js";
import { makeContext } from "./helpers.js";

const project = { name: "p", region: "ap-south-1" };

function region(vars: Record<string, string>, flag?: string, target: "local" | "aws" = "aws") {
  return resolveRegion(makeContext("/tmp", vars, flag ? { region: flag } : {}), project, target);
}

describe("region precedence", () => {
  const all = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-2" };

  it("--region beats everything", () => {
    expect(region(all, "us-west-2")).toBe("us-west-2");
  });
  it("AWS_REGION beats AWS_DEFAULT_REGION", () => {
    expect(region(all)).toBe("eu-west-1");
  });
  it("honours AWS_DEFAULT_REGION (the SDK alone ignores it)", () => {
    expect(region({ AWS_DEFAULT_REGION: "eu-west-2" })).toBe("eu-west-2");
  });
  it("falls back to the project's region", () => {
    expect(region({})).toBe("ap-south-1");
  });
  it("treats empty variables as unset", () => {
    expect(region({ AWS_REGION: "", AWS_DEFAULT_REGION: " " })).toBe("ap-south-1");
  });
  it("leaves the region to the SDK's profile lookup on the aws target", () => {
    expect(resolveRegion(makeContext("/tmp"), undefined, "aws")).toBeUndefined();
  });
  it("defaults to us-east-1 on the local target", () => {
    expect(resolveRegion(makeContext("/tmp"), undefined, "local")).toBe("us-east-1");
    expect(region({}, undefined, "local")).toBe("ap-south-1");
  });
});
