/**
 * What `leadkit run` does with a state (--state DIR, or state: in the pipeline file), in the
 * order it does it: open last night's state before any row is read (a state of an unknown
 * version stops the run at once), watch the records import reads, put the persistent ids and
 * delta columns on the rows before the outputs, and, once the run has passed its checks, stage
 * the next state in the run's file transaction. A run that fails or trips a check never gets
 * that far, so the directory stays as the last good night left it.
 */
import path from 'node:path';
import type { Committable, Context } from '../context.js';
import type { Row, Table } from '../table.js';
import type { DeltaSummary } from '../report/summary-types.js';
import { UsageError } from '../errors.js';
import { DEFAULT_DELTA_FIELDS, normaliseDeltaFields } from './fingerprint.js';
import { annotateNight } from './delta-stage.js';
import { loadState, lockState, stateCommittable, type LoadedState, type StateLock } from './state-dir.js';
import { describeHolder } from '../io/lock-file.js';
import { NightStore } from './store.js';
import { carryDecision, type CarryPlan } from './carry.js';

export interface NightSettings {
  dir: string;
  /** The fields that make a row changed; default DEFAULT_DELTA_FIELDS. */
  deltaFields?: string[];
  forgetAfter?: number;
  /** gone.csv and the id map; default in the state directory. */
  gone?: string;
  idMap?: string;
}

/**
 * The night's settings from the command line over the pipeline file's keys (each option wins
 * over its key); undefined when neither names a state. Options of a state without a state, and
 * outputs that choose rows by delta without one, are usage errors, before any row is read.
 */
export function nightSettings(
  cli: { state?: string; deltaFields?: string[]; forgetAfter?: number; gone?: string; idMap?: string },
  file: { dir?: string; deltaFields?: string[]; forgetAfter?: number; gone?: string; idMap?: string; line: number } | undefined,
  where: string,
  outputsByDelta: { line: number; command: string }[],
): NightSettings | undefined {
  const dir = cli.state ?? file?.dir;
  const settings = {
    deltaFields: cli.deltaFields?.length ? normaliseDeltaFields(cli.deltaFields) : file?.deltaFields,
    forgetAfter: cli.forgetAfter ?? file?.forgetAfter,
    gone: cli.gone ?? file?.gone,
    idMap: cli.idMap ?? file?.idMap,
  };
  if (dir === undefined) {
    const given = [
      [settings.deltaFields, '--delta-fields (delta_fields:)'],
      [settings.forgetAfter, '--forget-after (forget_after:)'],
      [settings.gone, '--gone (gone:)'],
      [settings.idMap, '--id-map (id_map:)'],
    ].find(([v]) => v !== undefined);
    if (given) throw new UsageError(`${given[1]} needs a state: give --state DIR or state: in ${where}`);
    const byDelta = outputsByDelta[0];
    if (byDelta) throw new UsageError(`${where}:${byDelta.line}: ${byDelta.command}: rows have a delta only in a run with a state: give --state DIR or state: in the file`, 'E_PIPELINE');
    return undefined;
  }
  return { dir, ...settings };
}

export class NightRun {
  private constructor(
    readonly settings: Required<Pick<NightSettings, 'dir' | 'gone' | 'idMap'>> & NightSettings,
    readonly store: NightStore,
    private readonly loaded: LoadedState,
    readonly fields: readonly string[],
    private readonly fieldsGiven: boolean,
    private readonly lock: StateLock,
  ) {}

  /**
   * Lock the state directory and read last night's state. The lock is the caller's to release
   * (release(), or the committable's commit or abort) however the run ends.
   */
  static async open(settings: NightSettings, ctx: Context, forWhat: string): Promise<NightRun> {
    const lock = await lockState(settings.dir, forWhat);
    try {
      return await NightRun.read(settings, ctx, lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private static async read(settings: NightSettings, ctx: Context, lock: StateLock): Promise<NightRun> {
    if (lock.tookOverFrom) ctx.warn(`state ${settings.dir}: took over the lock of a run that no longer runs (${describeHolder(lock.tookOverFrom)})`);
    const loaded = await loadState(settings.dir, ctx);
    // A second run of the same night compares with the first: what that delivered reads unchanged now.
    if (loaded.meta && loaded.meta.night === ctx.today) {
      ctx.warn(
        `state ${settings.dir}: its last night is this run's date (${ctx.today}, written ${loaded.meta.written_at}): this run compares with that one, so the persons it delivered are unchanged now and outputs with only: [new, changed] leave them out`,
      );
    }
    const fields = settings.deltaFields?.length ? settings.deltaFields : [...DEFAULT_DELTA_FIELDS];
    const store = new NightStore(loaded.prev, { today: ctx.today, deltaFields: fields, forgetAfter: settings.forgetAfter, dir: settings.dir });
    if (store.fieldsAdded.length) {
      ctx.warn(`state ${settings.dir}: ${store.fieldsAdded.join(', ')} ${store.fieldsAdded.length === 1 ? 'is a delta field' : 'are delta fields'} the last night did not have; ${store.fieldsAdded.length === 1 ? 'it counts' : 'they count'} from the next night on`);
    }
    const gone = settings.gone ?? path.join(settings.dir, 'gone.csv');
    const idMap = settings.idMap ?? path.join(settings.dir, 'id-map.csv');
    return new NightRun({ ...settings, gone, idMap }, store, loaded, fields, Boolean(settings.deltaFields?.length), lock);
  }

  /** Let the state go (the run ends without writing it). */
  release(): void {
    this.lock.release();
  }

  private stepsFingerprint = '';

  /**
   * Whether tonight carries its unchanged persons over (carry.ts), decided before any row is
   * read; the plan's fingerprint goes into the next state.
   */
  planCarry(plan: CarryPlan): void {
    const d = carryDecision(plan, { empty: this.store.prev.empty, steps: this.loaded.meta?.steps });
    this.store.carrying = d.carrying;
    this.store.carryOff = d.off;
    this.stepsFingerprint = plan.fingerprint;
  }

  /** The files a night writes besides its state, for the check that no file is written twice. */
  get sideFiles(): { file: string; what: string }[] {
    return [
      { file: this.settings.gone, what: 'the gone persons (gone)' },
      { file: this.settings.idMap, what: 'the id map (id_map)' },
    ];
  }

  /** Import's rows pass through: the records the state knows are marked as read tonight. */
  tapImport(t: Table): Table {
    const store = this.store;
    async function* tap(): AsyncGenerator<Row[]> {
      for await (const batch of t.batches) {
        for (const row of batch) store.seenAtImport(row);
        yield batch;
      }
      store.endOfImport();
    }
    return { columns: t.columns, batches: tap() };
  }

  /** The rows the outputs get: persistent cluster_id and the delta columns. */
  annotate(t: Table, ctx: Context): Table {
    if (this.fieldsGiven) {
      const missing = this.fields.filter((f) => !t.columns.includes(f));
      if (missing.length) ctx.warn(`delta fields ${missing.join(', ')}: no such column in the rows (they are compared as blank)`);
    }
    return annotateNight(t, this.store, this.fields);
  }

  summary(): DeltaSummary {
    return this.store.summary();
  }

  /** The run replaces no output (a check tripped): nobody was delivered; returns the summary that says so. */
  notCommitted(): DeltaSummary {
    this.store.notCommitted();
    return this.store.summary();
  }

  /** One line for stderr, after the run's checks. */
  line(written: boolean): string {
    return `state ${this.settings.dir}: ${this.store.describe()}; ${written ? `state and ${this.settings.gone}, ${this.settings.idMap} written` : 'state not changed (the last good night\'s is kept)'}`;
  }

  committable(ctx: Context, info: { pipeline: string; leadkitVersion: string }): Committable {
    const c = stateCommittable(
      { dir: this.settings.dir, store: this.store, loaded: this.loaded, gone: this.settings.gone, idMap: this.settings.idMap, pipeline: info.pipeline, leadkitVersion: info.leadkitVersion, deltaFields: this.fields, steps: this.stepsFingerprint },
      ctx,
    );
    return {
      prepare: () => c.prepare!(),
      commit: async () => {
        try {
          await c.commit();
        } finally {
          this.release();
        }
        ctx.summary(this.line(true));
      },
      abort: async () => {
        try {
          await c.abort();
        } finally {
          this.release();
        }
      },
    };
  }
}
