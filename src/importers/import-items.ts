/** The import ledger: which source object became which Gazette row. Only this module touches import_items. */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';

export interface LedgerEntry {
  targetId: number | null;
  detail: string;
}

export async function findImported(db: Db, source: string, kind: string, sourceId: string): Promise<LedgerEntry | null> {
  const row = await db
    .selectFrom('import_items')
    .select(['target_id', 'detail'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row ? { targetId: row.target_id, detail: row.detail } : null;
}

/** Records an imported object; true when it is new to the ledger. */
export async function recordImported(db: Db, source: string, kind: string, sourceId: string, targetId: number | null, detail = ''): Promise<boolean> {
  if (await findImported(db, source, kind, sourceId)) return false;
  await db.insertInto('import_items').values({ source, kind, source_id: sourceId, target_id: targetId, detail, created_at: now() }).execute();
  return true;
}

/** Gazette ids that came from objects of `kind` with a given detail (e.g. sticky posts), for the exporter. */
export async function importedWithDetail(db: Db, kind: string, detail: string): Promise<number[]> {
  const rows = await db.selectFrom('import_items').select('target_id').where('kind', '=', kind).where('detail', '=', detail).execute();
  return rows.map((r) => r.target_id).filter((id): id is number => id !== null);
}
