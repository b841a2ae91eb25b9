/** Phone checks for `leadkit validate`, and the phone key every command compares numbers by. */
export { checkPhone, phoneRegion, type PhoneResult, type PhoneStatus } from './check.js';
export { cleanPhoneText, type CleanedPhone } from './clean.js';
export { phoneDisplay } from './display.js';
export { phoneKey, readPhoneKey, type PhoneKey } from './key.js';
export { callingCodeOf, isPhoneRegion, mainRegionOf, phoneTypeName, type PhoneType } from './numbering.js';
