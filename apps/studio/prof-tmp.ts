import { Client } from 'pg'
import { COLUMNS_CTES } from './lib/api/database/postgres/catalog/columns-sql'
async function main() {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/mbtest_pg_bench' })
  await c.connect()
  await c.query('SET enable_nestloop = off; SET jit = off')
  const rel = `WITH relations AS (SELECT c.oid, n.nspname, c.relname, c.relkind, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND n.nspname = 'public' ORDER BY 2, 3), ${COLUMNS_CTES}`
  const time = async (name: string, sql: string) => { const s: number[] = []; for (let i = 0; i < 7; i++) { const t = performance.now(); await c.query(sql); s.push(performance.now() - t) } s.sort((a, b) => a - b); console.log(name, 'min', s[0].toFixed(0), 'median', s[3].toFixed(0)) }
  await time('columns text agg', `${rel} SELECT sum(length(columns)) FROM columns_by_relation`)
  await time('sizes', `select sum(pg_total_relation_size(oid)) from pg_class where relkind='r' and relnamespace = 'public'::regnamespace`)
  await time('table size only', `select sum(pg_table_size(oid)) from pg_class where relkind='r' and relnamespace = 'public'::regnamespace`)
  await time('relation_size main', `select sum(pg_relation_size(oid)) from pg_class where relkind='r' and relnamespace = 'public'::regnamespace`)
  await c.end()
}
main()
