/** Phone checks for `leadkit validate`. */
export { checkPhone, type PhoneResult, type PhoneStatus } from './check.js';
export { cleanPhoneText, type CleanedPhone } from './clean.js';
export { phoneTypeName, type PhoneType } from './numbering.js';
