// @openattribution/sdk — the one barrel. Every export is documented where it is defined.
export { SdkError, type SdkErrorOptions } from "./errors/base.js";
