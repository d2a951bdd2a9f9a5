import { scenarioSchema } from './scenarioSchema.ts';

/** The JSON Schema (draft 2020-12) of scenario files, derived from the validator itself. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const body = scenarioSchema.jsonSchema();
  const props = body.properties as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://vanfleet.example/scenario.schema.json',
    title: 'vanfleet scenario',
    ...body,
    properties: { $schema: { type: 'string' }, ...props },
  };
}
