/** PostgreSQL's integer types by every name a migration may write them, serial types included. */
const INTEGER_TYPES: Readonly<Record<string, string>> = {
  smallint: "smallint", int2: "smallint", smallserial: "smallint", serial2: "smallint",
  integer: "integer", int: "integer", int4: "integer", serial: "integer", serial4: "integer",
  bigint: "bigint", int8: "bigint", bigserial: "bigint", serial8: "bigint",
};

/** `int4` → `integer`, `bigserial` → `bigint`: the type a sequence (or the column it fills) has; undefined for any other type. */
export function integerType(type: string | undefined): string | undefined {
  return type === undefined ? undefined : INTEGER_TYPES[type.toLowerCase()];
}

const SERIAL_TYPES: Readonly<Record<string, string>> = { smallint: "smallserial", integer: "serial", bigint: "bigserial" };

/** The serial type for a column of this integer type (by any of its names); undefined for any other type. */
export function serialType(type: string): string | undefined {
  const integer = integerType(type);
  return integer === undefined ? undefined : SERIAL_TYPES[integer];
}
