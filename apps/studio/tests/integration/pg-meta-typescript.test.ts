import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setupPgMetaSuite, type PgMetaSuite } from '../helpers/pg-meta-suite'

let suite: PgMetaSuite
let types: string

beforeAll(async () => {
  suite = await setupPgMetaSuite('meta_ts')
  const response = await suite.get(suite.project.owner, 'generators/typescript', { included_schemas: 'shop,audit' })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  types = response.body.types
})

afterAll(async () => {
  await suite.cleanup()
})

/** The block that starts at this exact line (by its indentation) up to its closing line. */
function block(startLine: string): string {
  const lines = types.split('\n')
  const start = lines.indexOf(startLine)
  if (start === -1) throw new Error(`no line ${JSON.stringify(startLine)} in:\n${types}`)
  const indent = startLine.length - startLine.trimStart().length
  const end = lines.findIndex((line, index) => index > start && line.length - line.trimStart().length === indent && /^\s*[}\]]/.test(line))
  return lines.slice(start, end + 1).join('\n')
}

describe('pg-meta generators/typescript', () => {
  it("writes a table's Row, Insert and Update types and its relationships", () => {
    expect(block('      customers: {')).toBe(`      customers: {
        Row: {
          age: number | null
          created_at: string
          email: string
          id: number
          name: string
        }
        Insert: {
          age?: number | null
          created_at?: string
          email: string
          id?: never
          name: string
        }
        Update: {
          age?: number | null
          created_at?: string
          email?: string
          id?: never
          name?: string
        }
        Relationships: []
      }`)
    expect(block('      orders: {')).toContain(`        Row: {
          customer_id: number
          id: string
          meta: Json | null
          payload: string | null
          placed_at: string | null
          raw: Json | null
          status: Database["shop"]["Enums"]["order_status"]
          tags: string[]
          total: number
        }`)
    expect(block('      shipments: {')).toContain(`        Relationships: [
          {
            foreignKeyName: "shipments_line_fkey"
            columns: ["order_id", "line_no"]
            referencedRelation: "order_lines"
            referencedColumns: ["order_id", "line_no"]
          },
        ]`)
    // A foreign table is a table to PostgREST.
    expect(block('      remote_stock: {')).toContain('          on_hand?: number | null')
  })

  it('writes views (writable ones with Insert/Update, relationships through their columns) and materialized views', () => {
    expect(block('      paid_orders: {')).toBe(`      paid_orders: {
        Row: {
          customer_id: number | null
          id: string | null
          total: number | null
        }
        Insert: {
          customer_id?: number | null
          id?: string | null
          total?: number | null
        }
        Update: {
          customer_id?: number | null
          id?: string | null
          total?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "orders_customer_id_fkey"
            columns: ["customer_id"]
            referencedRelation: "customers"
            referencedColumns: ["id"]
          },
        ]
      }`)
    expect(block('      order_totals: {')).toBe(`      order_totals: {
        Row: {
          customer_id: number | null
          total: number | null
        }
        Relationships: [
          {
            foreignKeyName: "orders_customer_id_fkey"
            columns: ["customer_id"]
            referencedRelation: "customers"
            referencedColumns: ["id"]
          },
        ]
      }`)
    // order_lines references orders, which paid_orders shows with its key.
    expect(block('      order_lines: {')).toContain('            referencedRelation: "paid_orders"')
  })

  it('writes functions (arguments with defaults, set-returning rows, OUT records) but not trigger functions', () => {
    expect(block('  shop: {')).toContain(`      customer_orders: {
        Args: { customer: number }
        Returns: {
          customer_id: number
          id: string
          meta: Json | null
          payload: string | null
          placed_at: string | null
          raw: Json | null
          status: Database["shop"]["Enums"]["order_status"]
          tags: string[]
          total: number
        }[]
        SetofOptions: {
          from: "*"
          to: "orders"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      order_count: {
        Args: { customer: number; since?: string }
        Returns: number
      }
      split_total: { Args: { total: number }; Returns: Record<string, unknown> }`)
    expect(types).not.toContain('log_order')
  })

  it('writes enums, composite types, empty groups and the enum constants', () => {
    expect(types).toContain(`    Enums: {
      order_status: "pending" | "paid" | "shipped"
    }
    CompositeTypes: {
      address: {
        street: string | null
        zip: number | null
      }
    }`)
    expect(block('  audit: {')).toContain(`    Views: {
      [_ in never]: never
    }`)
    expect(types).toContain(`export const Constants = {
  audit: {
    Enums: {},
  },
  shop: {
    Enums: {
      order_status: ["pending", "paid", "shipped"],
    },
  },
} as const`)
    expect(types).not.toContain('public: {')
  })

  it('adds isOneToOne and the PostgREST version when asked', async () => {
    const response = await suite.get(suite.project.owner, 'generators/typescript', {
      included_schemas: 'shop',
      detect_one_to_one_relationships: 'true',
      postgrest_version: '12.2.3',
    })
    expect(response.status).toBe(200)
    expect(response.body.types).toContain(`  __InternalSupabase: {
    PostgrestVersion: "12.2.3"
  }`)
    expect(response.body.types).toContain(`            foreignKeyName: "order_lines_order_id_fkey"
            columns: ["order_id"]
            isOneToOne: false`)
  })

  // Last: the compile blocks the event loop for seconds, long enough for the Studio to close an
  // idle keep-alive socket the next request would otherwise reuse.
  it('is valid TypeScript that type-checks on its own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mbtest-types-'))
    try {
      const file = path.join(dir, 'database.ts')
      writeFileSync(file, `${types}\nexport const check: Tables<{ schema: "shop" }, "orders">["status"] = "paid"\n`)
      const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020 })
      const diagnostics = ts.getPreEmitDiagnostics(program).map((item) => ts.flattenDiagnosticMessageText(item.messageText, '\n'))
      expect(diagnostics).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
