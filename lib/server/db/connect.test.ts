/** The SQLite connection's prepared statements: reused per SQL text, rows shaped from arrays as better-sqlite3 would. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./connect";

describe("SQLite statements", () => {
  const dir = mkdtempSync(join(tmpdir(), "console-connect-test-"));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let db: Kysely<any>;
  beforeAll(async () => {
    db = openDatabase({ kind: "sqlite", file: join(dir, "t.sqlite") });
    await sql`create table t (id integer primary key, name text, note text)`.execute(db);
    await db
      .insertInto("t")
      .values([
        { id: 1, name: "a", note: null },
        { id: 2, name: "b", note: "x" },
      ])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives one property per column, in column order, nulls kept and a later duplicate name winning", async () => {
    const rows = await db.selectFrom("t").selectAll().orderBy("id").execute();
    expect(rows).toEqual([
      { id: 1, name: "a", note: null },
      { id: 2, name: "b", note: "x" },
    ]);
    expect(Object.keys(rows[0] as object)).toEqual(["id", "name", "note"]);
    const dup = await sql<{ v: string }>`select name as v, note as v from t where id = 2`.execute(db);
    expect(dup.rows).toEqual([{ v: "x" }]);
    // RETURNING rows and streams are shaped the same way.
    expect(await db.insertInto("t").values({ id: 3, name: "c", note: null }).returning(["id", "name"]).execute()).toEqual([{ id: 3, name: "c" }]);
    const streamed = [];
    for await (const row of db.selectFrom("t").select(["id"]).orderBy("id").stream()) streamed.push(row);
    expect(streamed).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it("sees a column added after a statement was first prepared", async () => {
    expect(await db.selectFrom("t").selectAll().where("id", "=", 1).execute()).toEqual([{ id: 1, name: "a", note: null }]);
    await sql`alter table t add column extra text default 'e'`.execute(db);
    expect(await db.selectFrom("t").selectAll().where("id", "=", 1).execute()).toEqual([{ id: 1, name: "a", note: null, extra: "e" }]);
    await sql`alter table t rename column note to remark`.execute(db);
    expect(await db.selectFrom("t").selectAll().where("id", "=", 1).execute()).toEqual([{ id: 1, name: "a", remark: null, extra: "e" }]);
  });
});
