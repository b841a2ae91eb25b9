/** Email checks for `leadkit validate` and the matching key for `leadkit dedupe`. */
export {
  applyMxStatus,
  applySuggestion,
  checkEmail,
  formatEmailFlags,
  type EmailFlag,
  type EmailReason,
  type EmailResult,
  type EmailStatus,
} from './check.js';
export { emailMatchKey } from './match-key.js';
export { createMxChecker, type MxChecker, type MxCheckerOptions, type MxResolver, type MxStatus } from './mx.js';
