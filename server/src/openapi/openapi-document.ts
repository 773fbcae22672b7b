import { z } from 'zod';
import {
  ChallengeResponseSchema,
  ChangeEventSchema,
  ChangesResponseSchema,
  CommentSchema,
  CountsResponseSchema,
  EditCommentSchema,
  ErrorResponseSchema,
  FeedCommentSchema,
  HelloEventSchema,
  MineResponseSchema,
  NewCommentSchema,
  PostedCommentSchema,
  VoteRequestSchema,
  VoteResponseSchema,
} from '../../../src/protocol/index.js';
import { publicRoutes, type ParameterDoc, type RouteDoc, type SchemaName } from './public-routes.js';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI version written: 3.1 schemas are JSON Schema 2020-12, what zod writes. */
const openApiVersion = '3.1.1';

// What the server answers (zod's output types) and what it reads (input types, before defaults
// and trimming), each named as it appears in #/components/schemas.
const answers = {
  Comment: CommentSchema,
  FeedComment: FeedCommentSchema,
  PostedComment: PostedCommentSchema,
  ChangesResponse: ChangesResponseSchema,
  MineResponse: MineResponseSchema,
  CountsResponse: CountsResponseSchema,
  VoteResponse: VoteResponseSchema,
  ChallengeResponse: ChallengeResponseSchema,
  HelloEvent: HelloEventSchema,
  ChangeEvent: ChangeEventSchema,
  ErrorResponse: ErrorResponseSchema,
};
const requests = {
  NewComment: NewCommentSchema,
  EditComment: EditCommentSchema,
  VoteRequest: VoteRequestSchema,
};

const componentRef = (name: string) => `#/components/schemas/${name}`;

/** Each schema of `schemas` as JSON Schema, shared ones as `$ref`s to each other. */
function toComponents(schemas: Record<string, z.core.$ZodType>, io: 'input' | 'output'): JsonSchema {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    // Refinements (the well-formedness and length rules in UTF-16 units) have no JSON Schema
    // form; docs/protocol.md states them.
    unrepresentable: 'any',
    uri: componentRef,
  });
  for (const schema of Object.values(converted)) {
    delete schema.$schema;
    delete schema.$id;
    // zod writes its stripping of unknown keys as `false`; the protocol says readers ignore them.
    if (io === 'output') allowUnknownProperties(schema);
  }
  return converted;
}

function allowUnknownProperties(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const record = schema as Record<string, unknown>;
  if (record.additionalProperties === false) delete record.additionalProperties;
  for (const value of Object.values(record)) allowUnknownProperties(value);
}

const jsonContent = (name: SchemaName | 'ErrorResponse') => ({
  'application/json': { schema: { $ref: componentRef(name) } },
});

function toOperation(route: RouteDoc): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema
        ? { content: jsonContent(answer.schema) }
        : answer.mediaType
          ? { content: { [answer.mediaType]: {} } }
          : {}),
    };
  }
  for (const status of route.errors) {
    responses[String(status)] = {
      description: 'An error: `{"error":{"code","message","field"?}}`.',
      content: jsonContent('ErrorResponse'),
    };
  }
  return {
    summary: route.summary,
    ...(route.parameters
      ? { parameters: route.parameters.map((parameter: ParameterDoc) => ({ ...parameter })) }
      : {}),
    ...(route.requestBody
      ? { requestBody: { required: true, content: jsonContent(route.requestBody) } }
      : {}),
    ...(route.auth === 'required' ? { security: [{ bearer: [] }] } : {}),
    ...(route.auth === 'optional' ? { security: [{}, { bearer: [] }] } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the public protocol (not the admin API), built from the zod
 * schemas in src/protocol/ and the route list in public-routes.ts. Pure: the same every call.
 */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const route of publicRoutes) {
    paths[route.path] = { ...paths[route.path], [route.method]: toOperation(route) };
  }
  return {
    openapi: openApiVersion,
    info: {
      title: 'Hearth protocol',
      // Protocol v1: every path is under /api/v1.
      version: '1',
      description:
        "The contract between the <hearth-comments> widget and a comment server; docs/protocol.md describes the same rules in prose. Every route is relative to the endpoint, and served for the site of the request's Origin.",
    },
    paths,
    components: {
      schemas: { ...toComponents(answers, 'output'), ...toComponents(requests, 'input') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: "A guest's author token (`hga_…`), a site's SSO token (a JWT) or an admin token.",
        },
      },
    },
  };
}
