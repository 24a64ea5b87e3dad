/**
 * The fixed parts of the generated file: the Json type and the lookup helpers (Tables,
 * TablesInsert, TablesUpdate, Enums, CompositeTypes) that supabase-js users import next to
 * Database. Their default schema is `public`.
 */
export const JSON_TYPE = `export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]`

const schemaKey = 'keyof DatabaseWithoutInternals'

/** Rows of tables and views; written out because its long intersections break across lines. */
const TABLES_HELPER = `export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: ${schemaKey} },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: ${schemaKey}
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: ${schemaKey}
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never`

/** A helper that picks `part` of a relation of `group`, from the default schema or a named one. */
function relationHelper(name: string, group: string, part: string, letter: string): string {
  const of = (base: string) => `${base}["${group}"]`
  const keysOf = (base: string) => `keyof ${of(base)}`
  const named = 'DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]'
  return `export type ${name}<
  DefaultSchemaTableNameOrOptions extends
    | ${keysOf('DefaultSchema')}
    | { schema: ${schemaKey} },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: ${schemaKey}
  }
    ? ${keysOf(named)}
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: ${schemaKey}
}
  ? ${of(named)}[TableName] extends {
      ${part}: infer ${letter}
    }
    ? ${letter}
    : never
  : DefaultSchemaTableNameOrOptions extends ${keysOf('DefaultSchema')}
    ? ${of('DefaultSchema')}[DefaultSchemaTableNameOrOptions] extends {
        ${part}: infer ${letter}
      }
      ? ${letter}
      : never
    : never`
}

function typeHelper(name: string, group: string, option: string, typeName: string): string {
  const named = `DatabaseWithoutInternals[${option}["schema"]]`
  return `export type ${name}<
  ${option} extends
    | keyof DefaultSchema["${group}"]
    | { schema: ${schemaKey} },
  ${typeName} extends ${option} extends {
    schema: ${schemaKey}
  }
    ? keyof ${named}["${group}"]
    : never = never,
> = ${option} extends {
  schema: ${schemaKey}
}
  ? ${named}["${group}"][${typeName}]
  : ${option} extends keyof DefaultSchema["${group}"]
    ? DefaultSchema["${group}"][${option}]
    : never`
}

export const HELPER_TYPES = [
  `type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">`,
  `type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]`,
  TABLES_HELPER,
  relationHelper('TablesInsert', 'Tables', 'Insert', 'I'),
  relationHelper('TablesUpdate', 'Tables', 'Update', 'U'),
  typeHelper('Enums', 'Enums', 'DefaultSchemaEnumNameOrOptions', 'EnumName'),
  typeHelper('CompositeTypes', 'CompositeTypes', 'PublicCompositeTypeNameOrOptions', 'CompositeTypeName'),
].join('\n\n')
