/**
 * The CRMs `export --crm` writes for, by name: apart from the presets (crm-write.ts), so that the
 * option's choices are known without loading them.
 */
export const CRM_NAMES = ['salesforce', 'hubspot'] as const;
