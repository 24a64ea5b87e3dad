import type { RedisKeySummary } from '@multibase/api-contracts'

import { displayKeyName, keyId } from './key-names'

export type KeyTreeRow =
  | { kind: 'folder'; id: string; label: string; depth: number; keyCount: number; expanded: boolean }
  | { kind: 'key'; id: string; label: string; depth: number; key: RedisKeySummary }

interface FolderNode {
  path: string
  folders: Map<string, FolderNode>
  keys: Array<{ label: string; key: RedisKeySummary }>
  keyCount: number
}

const newFolder = (path: string): FolderNode => ({ path, folders: new Map(), keys: [], keyCount: 0 })

/** Groups key names by `delimiter` into folders (`user:1:name` → user / 1 / name). */
export function buildKeyTree(keys: RedisKeySummary[], delimiter: string): FolderNode {
  const root = newFolder('')
  for (const key of keys) {
    const parts = delimiter ? displayKeyName(key).split(delimiter) : [displayKeyName(key)]
    let folder = root
    folder.keyCount++
    for (const part of parts.slice(0, -1)) {
      const path = folder.path ? `${folder.path}${delimiter}${part}` : part
      let child = folder.folders.get(part)
      if (!child) {
        child = newFolder(path)
        folder.folders.set(part, child)
      }
      child.keyCount++
      folder = child
    }
    folder.keys.push({ label: parts[parts.length - 1], key })
  }
  return root
}

/** Natural order, so `user:2` comes before `user:10`. */
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

/**
 * The rows the virtual list shows: folders first, then keys, each in natural order, children of
 * open folders only.
 */
export function flattenKeyTree(root: FolderNode, expanded: ReadonlySet<string>): KeyTreeRow[] {
  const rows: KeyTreeRow[] = []
  const visit = (folder: FolderNode, depth: number) => {
    const folders = [...folder.folders.entries()].sort(([a], [b]) => byName(a, b))
    for (const [label, child] of folders) {
      const isOpen = expanded.has(child.path)
      rows.push({ kind: 'folder', id: `folder:${child.path}`, label, depth, keyCount: child.keyCount, expanded: isOpen })
      if (isOpen) visit(child, depth + 1)
    }
    const keys = [...folder.keys].sort((a, b) => byName(a.label, b.label))
    for (const { label, key } of keys) rows.push({ kind: 'key', id: keyId(key), label, depth, key })
  }
  visit(root, 0)
  return rows
}

/** The folder path a row of the tree stands for (used to toggle it). */
export const folderPathOf = (row: Extract<KeyTreeRow, { kind: 'folder' }>) => row.id.slice('folder:'.length)
