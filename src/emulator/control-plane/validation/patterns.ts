/**
 * The regular expressions of the bedrock-agent model (botocore 1.43.11, `bedrock-agent` 2023-06-05), compiled
 * once at module load. `display` is the pattern text AWS echoes in its messages (the model drops `^…$`);
 * `regex` is anchored because Coral applies patterns as whole-value matches (Java `Matcher.matches()`).
 */
export interface Pattern {
  readonly display: string;
  readonly regex: RegExp;
}

function pattern(display: string, jsSource: string = display): Pattern {
  // No `u` flag: the model escapes characters that need no escape (`\!`, `\_`, `\'`), which unicode mode rejects.
  return { display, regex: new RegExp(`^(?:${jsSource})$`) };
}

/**
 * Java's `\s` is ASCII whitespace only, JavaScript's also matches Unicode spaces (NBSP, U+2028…), so a tag
 * containing U+00A0 would pass here and fail on AWS. Spell the Java class out where the model uses it.
 */
const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";

const TAG_CHARS = "[a-zA-Z0-9\\s._:/=+@-]*";

/**
 * `TaggableResourcesArn` exactly as the model writes it (botocore 1.43.11), `.*( … ).*` wrapper included:
 * that text is what AWS echoes in its messages. It has `/d{12}` and `:/d+` where `\d{12}` and `:\d+` are
 * obviously meant (as written, no real ARN could ever match, yet the service tags agents fine), so we
 * echo the model's text but validate with the corrected expression.
 */
const TAG_ARN_MODEL_TEXT =
  ".*(^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:(agent|agent-alias|knowledge-base|flow|prompt)/[A-Z0-9]{10}(?:/[A-Z0-9]{10})?$" +
  "|^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:flow/([A-Z0-9]{10})/alias/([A-Z0-9]{10})$" +
  "|^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:prompt/([A-Z0-9]{10})?(?::/d+)?$).*";
const TAG_ARN_CORRECTED = TAG_ARN_MODEL_TEXT.replaceAll("/d", "\\d");

export const PATTERNS = {
  P_ID10: pattern("[0-9a-zA-Z]{10}"),
  P_NAME: pattern("([0-9a-zA-Z][_-]?){1,100}"),
  P_VER: pattern("(DRAFT|[0-9]{0,4}[1-9][0-9]{0,4})"),
  P_DRAFT: pattern("DRAFT"),
  P_NUMERICAL_VERSION: pattern("[0-9]{1,5}"),
  P_ALIASID: pattern("(\\bTSTALIASID\\b|[0-9a-zA-Z]+)"),
  P_TOKEN: pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}"),
  P_MODEL: pattern(
    "(arn:aws(-[^:]{1,12})?:(bedrock|sagemaker):[a-z0-9-]{1,20}:([0-9]{12})?:([a-z-]+/)?)?" +
      "([a-zA-Z0-9.-]{1,63}){0,2}(([:][a-z0-9-]{1,63}){0,2})?(/[a-z0-9]{1,12})?",
  ),
  P_ROLE_ARN: pattern("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+"),
  P_KMS_ARN: pattern("arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}"),
  P_TAG_ARN: pattern(TAG_ARN_MODEL_TEXT, TAG_ARN_CORRECTED),
  P_LAMBDA_ARN: pattern(
    "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_\\.]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
  ),
  P_TAG: pattern(TAG_CHARS, `[a-zA-Z0-9${JAVA_SPACE}._:/=+@-]*`),
  P_NEXT_TOKEN: pattern("\\S*", `[^${JAVA_SPACE}]*`),
  P_ALIAS_ARN: pattern(
    "arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:agent-alias/[0-9a-zA-Z]{10}/[0-9a-zA-Z]{10}",
  ),
  P_PROVISIONED_MODEL: pattern(
    "((([0-9a-zA-Z][_-]?){1,63})|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:provisioned-model/[a-z0-9]{12}))",
  ),
  P_GUARDRAIL_ID: pattern(
    "(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))",
  ),
  P_GUARDRAIL_VERSION: pattern("(([0-9]{1,8})|(DRAFT))"),
  P_S3_BUCKET: pattern("[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]"),
  P_S3_KEY: pattern("[\\.\\-\\!\\*\\_\\'\\(\\)a-zA-Z0-9][\\.\\-\\!\\*\\_\\'\\(\\)\\/a-zA-Z0-9]*"),
} as const satisfies Record<string, Pattern>;

export type PatternName = keyof typeof PATTERNS;
