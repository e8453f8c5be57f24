/** The shapes of the sidebar's tree: its rows and what they are built from. */
import type { ObjectDetails, SearchHit } from '../../controllers/api';
import type { ConnectionItem } from '../connections/connection-item';
import type { ConnectionCatalog } from '../data/schema-store';
import type { ObjectRef } from './object-kinds';

/** What a row of the sidebar's tree is. */
export type RowType =
  | 'connection'
  | 'schema'
  | 'folder'
  | 'object'
  | 'part'
  | 'column'
  | 'constraint'
  | 'index'
  | 'trigger'
  | 'hit'
  | 'note';

/** One visible row of the tree: what it shows and where it sits (for ARIA). */
export interface TreeRow {
  /** Unique and stable: the path of its node (`c:<id>/s:public/f:tables/o:16384`). */
  key: string;
  type: RowType;
  /** 1 for a connection. */
  level: number;
  label: string;
  /** Shown after the label, muted: a column's type, a hit's place. */
  detail?: string;
  /** A count beside a folder. */
  count?: number;
  /** The icon's name (a codicon). */
  icon: string;
  /** Undefined for a leaf. */
  expanded?: boolean;
  setSize: number;
  posInSet: number;
  parent: string | null;
  connectionId: string;
  /** The object the row is, or belongs to (a column's relation). */
  object?: ObjectRef;
  schema?: string;
  column?: string;
  /** A connection row's item. */
  connection?: ConnectionItem;
  /** A hit: where the search text is in the label. */
  match?: [number, number];
  /** Words for the row's tooltip and its accessible name's end. */
  title?: string;
  /** Marks shown after the detail (`null`: a nullable column). */
  mark?: string;
  /** A system schema's row (pg_catalog…): drawn quieter. */
  system?: boolean;
}

/** What the tree is built from. */
export interface TreeInput {
  items: readonly ConnectionItem[];
  catalog(connectionId: string): ConnectionCatalog;
  details(connectionId: string, oid: number): ObjectDetails | undefined;
  /** True when the node is open (a default or the user's choice). */
  isExpanded(key: string, opensByDefault: boolean): boolean;
  /** With a filter: its text and each open connection's hits (null while asked). */
  filter: { text: string; hits: ReadonlyMap<string, SearchHit[] | null> } | null;
}

/** Rows under one parent, before their set size and places are known. */
export type Draft = Omit<TreeRow, 'setSize' | 'posInSet' | 'level' | 'parent'>;
