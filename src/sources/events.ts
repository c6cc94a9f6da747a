/** Events of the sources directory (types only: the kernel's event bus gathers them). */

export interface SourceChange {
  kind: 'created' | 'updated' | 'merged' | 'proposals';
  /** The sources involved: the one changed, or for a merge the one merged away first and the one kept second. */
  sourceIds: number[];
  /** Public source pages whose content changed or that now redirect. */
  paths: string[];
  /** Stories citing the sources involved: their Sources box shows a name, kind or link that changed. */
  articleIds: number[];
}

export interface SourceEvents {
  /** A source was added, edited or merged, or the backfill's proposals were confirmed or dismissed. */
  'source.changed': [SourceChange];
}
