/**
 * An API result the engine has already encoded as JSON text, for large results (a 10,000-span
 * run): stored JSON columns are spliced in as they are instead of being parsed and re-encoded.
 * The phantom type keeps handlers honest about what the text decodes to.
 */
export class SerializedResult<T> {
  declare readonly decodesTo?: T;

  constructor(readonly json: string) {}
}
