/** The few places where SQLite and PostgreSQL differ in DDL or SQL, in one file. */
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key the engine fills in: SQLite rowid alias, PostgreSQL identity column. */
export function idColumn<T extends string>(table: CreateTableBuilder<T, never>, pg: boolean): CreateTableBuilder<T, 'id'> {
  return pg
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
