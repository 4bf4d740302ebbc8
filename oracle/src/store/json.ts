// The canonical JSON the store keeps event arguments in: compact, object keys sorted (UTF-16 code
// unit order), bigints as decimal strings, so the same event always gives the same text.

/**
 * The canonical JSON text of decoded event arguments (objects, arrays, bigints, strings, booleans).
 *
 * @example
 * canonicalJson({ b: 2n, a: [{ y: true, x: "0x01" }] }); // '{"a":[{"x":"0x01","y":true}],"b":"2"}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (typeof value === "string" || typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(",")}}`;
  }
  throw new TypeError(`canonicalJson: cannot write a ${typeof value}`);
}
