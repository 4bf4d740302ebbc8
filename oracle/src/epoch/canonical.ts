// Canonical JSON: one text per value, so a file's hash is a commitment to its content. Object keys
// sorted (by UTF-16 code units, `Array.prototype.sort`'s order, at every depth), bigints as decimal
// strings, a two-space indent, `[]`/`{}` for empty containers, a trailing newline. Strings and
// numbers are written as `JSON.stringify` writes them (ECMAScript fixes both forms, so every
// engine writes the same bytes). Written by hand rather than with `JSON.stringify(…, sortedKeys)`
// because the engine puts integer-like keys ("10", "2") first whatever the insertion order.
import { keccak256, toUtf8Bytes } from "ethers";

import { CanonicalJsonError } from "./errors.ts";

/** A value `formatCanonical` writes: JSON with bigints (written as decimal strings). */
export type CanonicalValue =
  string | number | bigint | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * The canonical JSON text of `value`. Bigints become decimal strings, so a parsed file holds
 * strings where the value held bigints, and formatting either gives the same bytes.
 *
 * @throws {CanonicalJsonError} for undefined, functions, symbols, non-finite numbers, unsafe
 *   integers (write them as bigints), Maps, Sets, class instances and cycles.
 * @example
 * formatCanonical({ b: 1n, a: [] }); // '{\n  "a": [],\n  "b": "1"\n}\n'
 */
export function formatCanonical(value: unknown): string {
  return `${write(value, "$", "", new Set())}\n`;
}

/**
 * keccak256 of the UTF-8 bytes of `formatCanonical(value)`: the hash of the file written with it.
 *
 * @throws {CanonicalJsonError} as `formatCanonical`.
 * @example
 * const hash = hashCanonical(explanations); // what the epoch metadata's `explanations.hash` states
 * await writeFile(path, formatCanonical(explanations)); // keccak256 of these bytes === hash
 */
export function hashCanonical(value: unknown): string {
  return keccak256(toUtf8Bytes(formatCanonical(value)));
}

function write(value: unknown, path: string, indent: string, stack: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `"${value.toString()}"`;
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a finite number`);
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw new CanonicalJsonError(path, `${value} is beyond 2^53 and would not parse back exactly (use a bigint)`);
      }
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new CanonicalJsonError(path, `a value of type ${typeof value}`);
  }
  if (value === null) return "null";
  if (stack.has(value)) throw new CanonicalJsonError(path, "a cycle");
  const inner = `${indent}  `;
  stack.add(value);
  let text: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]`, "a hole in an array");
      items.push(`${inner}${write(value[i], `${path}[${i}]`, inner, stack)}`);
    }
    text = items.length === 0 ? "[]" : `[\n${items.join(",\n")}\n${indent}]`;
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "an object with a prototype";
      throw new CanonicalJsonError(path, `a ${kind}, not a plain object`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const items = keys.map((key) => {
      const child = `${path}.${key}`;
      return `${inner}${JSON.stringify(key)}: ${write(record[key], child, inner, stack)}`;
    });
    text = items.length === 0 ? "{}" : `{\n${items.join(",\n")}\n${indent}}`;
  }
  stack.delete(value);
  return text;
}
