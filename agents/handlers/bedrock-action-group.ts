/**
 * The Lambda event Bedrock sends to an action group and the response it expects
 * (Amazon Bedrock user guide, "Lambda input event" / "Lambda response").
 * Types only: handlers import them with `import type`, which disappears when the
 * handler is compiled, so each handler still deploys to Lambda as a single file.
 */

export interface AgentInfo {
  name: string;
  id: string;
  /** Alias id, e.g. TSTALIASID when testing the DRAFT version. */
  alias: string;
  /** DRAFT or a version number. */
  version: string;
}

/** Every value arrives as a string, whatever its declared type. */
export interface EventParameter {
  name: string;
  type: string;
  value: string;
}

interface EventEnvelope {
  messageVersion: "1.0";
  agent: AgentInfo;
  inputText: string;
  sessionId: string;
  actionGroup: string;
  parameters?: EventParameter[];
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

/** An action group defined by an OpenAPI schema. */
export interface ApiEvent extends EventEnvelope {
  /** The path template from the schema, e.g. /products/{productId} (placeholders not filled in). */
  apiPath: string;
  httpMethod: string;
  requestBody?: { content: Record<string, { properties: EventParameter[] }> };
}

/** An action group defined by functions. */
export interface FunctionEvent extends EventEnvelope {
  function: string;
}

interface ResponseEnvelope {
  messageVersion: "1.0";
  /** Returned attributes replace the session's, so handlers echo what they received. */
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

export interface ApiResponse extends ResponseEnvelope {
  response: {
    actionGroup: string;
    apiPath: string;
    httpMethod: string;
    httpStatusCode: number;
    /** Keyed by media type; `body` is a string (JSON-encode objects). */
    responseBody: Record<string, { body: string }>;
  };
}

export interface FunctionResponse extends ResponseEnvelope {
  response: {
    actionGroup: string;
    function: string;
    functionResponse: {
      /** FAILURE ends the agent's turn with an error; REPROMPT hands the text back to the model. */
      responseState?: "FAILURE" | "REPROMPT";
      responseBody: { TEXT: { body: string } };
    };
  };
}
