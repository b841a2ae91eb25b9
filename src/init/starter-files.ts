/**
 * The files `leadkit init` writes: a small working job to edit, not a reference. Every key of
 * the rules file is in fixtures/rules/example.yml of the package; the starter sets only what
 * a team changes first and keeps the built-in scoring, which a given section would replace.
 * Kept as text (not built from objects) so the comments reach the user.
 */

export const STARTER_PIPELINE = `# leadkit pipeline: run it with \`leadkit run pipeline.yml\`, by hand or from cron.
# Paths are relative to this file, so the job runs the same from any folder. A step's options
# are its command's long flags without the dashes (\`leadkit validate --help\` lists them).
name: Nightly leads

# The day scores are computed for; without it, today (local time).
# as_of: 2026-11-22

# The lists to read: files, or globs with wildcards in the file name. CSV in any common
# encoding and delimiter, or Excel: - { path: messe.xlsx, sheet: Kontakte }
inputs:
  - incoming/*.csv

# Vendor headers that the built-in synonyms (German and English) do not know.
import:
  map: mapping.yml

steps:
  # Rows nobody can reach leave the leads for a side file, with the reason.
  - validate: { reject-if: no_contact, rejects: out/rejects.csv }
  # One row per person; the merge map shows which rows were merged into which.
  - dedupe: { report: out/merge-map.csv }
  - classify: { rules: rules.yml }
  - score: { rules: rules.yml }
  - route: { rules: rules.yml }
  # Do-not-contact lists (emails, domains, phones, hashed emails) and consent:
  # - suppress: { list: [do-not-contact.txt], rules: rules.yml, suppressed: out/suppressed.csv }

# Every output receives the final rows; folders named here are created.
outputs:
  - export: { output: out/leads.csv, sort: 'score:desc' }
  - export: { output: out/leads.xlsx, sort: 'score:desc' }

# The run in figures, and the same as a page to open or mail.
summary_json: out/summary.json
report: out/report.html

# Exit 3 and replace no output when a night's list looks wrong (\`leadkit run --help\` lists the metrics):
# fail_if: [rows<10, email_invalid_rate>0.3]
`;

export const STARTER_RULES = `# leadkit rules: classify, score, route and suppress read this file (--rules rules.yml).
# Every key is optional; one left out keeps its built-in default, one given replaces that
# default as a whole. Unknown keys are errors (file:line:column). All keys, with comments:
# fixtures/rules/example.yml in the leadkit package.

classify:
  # Country for rows without one (a German trade-fair list).
  default_country: DE

score:
  # The built-in fit and engagement rules apply; add score.fit / score.engagement to replace them.
  # Grade from the fit score: at least A, B, C; below C is D.
  grades: { A: 70, B: 50, C: 30 }
  # hot / warm / cold from score (fit + engagement).
  temperature: { basis: score, hot: 80, warm: 50 }

route:
  # Who gets what no rule takes.
  default_owner: unassigned
  teams:
    inside_sales:
      rotation: round_robin          # or weighted, with { name, weight } members
      members: [anna.schmidt, ben.meier]
  # Ordered: the first rule whose condition holds decides.
  rules:
    - name: austria
      field: country
      op: eq
      value: AT
      owner: lukas.gruber
    - name: good_fit_dach
      all:
        - { field: region_group, op: eq, value: DACH }
        - { field: grade, op: in, value: [A, B] }
      team: inside_sales

suppress:
  # Channels a lead may be contacted on; a lead with none left is suppressed.
  channels: [email, phone]
  consent:
    # granted: only with documented consent; not_denied: unless refused; ignore: not checked.
    email: granted
    phone_b2b: not_denied
`;

export const STARTER_MAPPING = `# leadkit mapping: your vendors' column names → leadkit fields, for headers the built-in
# German and English synonyms miss. \`leadkit import FILE --show-mapping\` shows what it guessed.
# A column named here that a list does not have is ignored; an empty field drops the column.
columns:
  Kundennr.: customer_number
  Ansprechpartner Nachname: last_name
  Interne Notiz:
`;

/** File name → contents, in the order they are written and listed. */
export const STARTER_FILES: readonly (readonly [string, string])[] = [
  ['pipeline.yml', STARTER_PIPELINE],
  ['rules.yml', STARTER_RULES],
  ['mapping.yml', STARTER_MAPPING],
];
