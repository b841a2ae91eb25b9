export { companyKey, type CompanyKey } from './key.js';
export { splitBranch, type BranchSplit } from './branch.js';
export { canonicalCompanyName, companyDisplayCase } from './display.js';
export { lookupLegalForm, type LegalForm } from './legal-forms.js';
export { companyTokens } from './tokens.js';
