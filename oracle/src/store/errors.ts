// The store's named errors. Match them by class and fields, never by message.
import { OracleError } from "../errors.ts";

/**
 * A module's tables are at another schema version than this oracle reads: the data directory was
 * written by a newer oracle, or by an older one whose data needs a migration this one lacks.
 *
 * @example
 * if (error instanceof StoreSchemaError) console.error(error.module, error.found, error.expected);
 */
export class StoreSchemaError extends OracleError {
  override name = "StoreSchemaError";
  readonly module: string;
  readonly found: number;
  readonly expected: number;

  constructor(module: string, found: number, expected: number) {
    super(
      found > expected
        ? `the store's ${module} tables are at schema version ${found}, newer than this oracle's ${expected}: upgrade the oracle or use another data directory`
        : `the store's ${module} tables are at schema version ${found} but this oracle needs ${expected}: re-index into a new data directory`,
    );
    this.module = module;
    this.found = found;
    this.expected = expected;
  }
}

/**
 * The data directory was indexed from another chain or another deployment of the contracts than
 * the one the oracle is connected to now.
 *
 * @example
 * if (error instanceof StoreChainMismatchError) console.error(error.field, error.stored, error.actual);
 */
export class StoreChainMismatchError extends OracleError {
  override name = "StoreChainMismatchError";
  /** What differs: `chainId` or a contract address field (`datanetRegistry`, …). */
  readonly field: string;
  readonly stored: string;
  readonly actual: string;

  constructor(field: string, stored: string, actual: string) {
    super(
      `the store was indexed with ${field} ${stored} but the oracle is connected with ${actual}: ` +
        "point the config at the chain and contracts the store was indexed from, or use another data directory",
    );
    this.field = field;
    this.stored = stored;
    this.actual = actual;
  }
}

/**
 * A value the store keeps in an INTEGER column (an id, a counter) is above 2^63 − 1. The
 * contracts count ids from 1, so this means the chain holds something the oracle cannot index.
 *
 * @example
 * if (error instanceof StoreIntegerRangeError) console.error(error.field, error.value);
 */
export class StoreIntegerRangeError extends OracleError {
  override name = "StoreIntegerRangeError";
  readonly field: string;
  readonly value: bigint;

  constructor(field: string, value: bigint) {
    super(`${field} ${value} does not fit the store's 64-bit integers; this chain cannot be indexed by this oracle`);
    this.field = field;
    this.value = value;
  }
}

/**
 * A Datanet version's root cannot be rebuilt from the indexed events: its contributions are not
 * all the contributions accepted before it (the owner published a subset, or in another order),
 * so the version's manifest must be read to know them.
 *
 * @example
 * if (error instanceof VersionNotReproducibleError) console.log("read", error.manifestURI);
 */
export class VersionNotReproducibleError extends OracleError {
  override name = "VersionNotReproducibleError";
  readonly datanetId: bigint;
  readonly version: bigint;
  readonly manifestURI: string;

  constructor(datanetId: bigint, version: bigint, manifestURI: string, details: string) {
    super(
      `Datanet ${datanetId} version ${version} is not the set of contributions accepted before it; ` +
        `read its manifest ${manifestURI} to know which contributions it includes`,
      { details },
    );
    this.datanetId = datanetId;
    this.version = version;
    this.manifestURI = manifestURI;
  }
}

/**
 * No Datanet version, model or adapter with this id is in the store (not indexed yet, or none exists).
 *
 * @example
 * if (error instanceof StoreNotFoundError) console.error(error.what, error.id);
 */
export class StoreNotFoundError extends OracleError {
  override name = "StoreNotFoundError";
  readonly what: string;
  readonly id: string;

  constructor(what: string, id: string) {
    super(`${what} ${id} is not in the store: run \`oa-oracle index\` first, or check the id`);
    this.what = what;
    this.id = id;
  }
}
