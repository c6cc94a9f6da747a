/** The LIVE mark on cards: pages that list stories provide the ids of the stories live right now; cards read them. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const LiveStories = createContext<ReadonlySet<number>>(new Set());

export function LiveMark(props: { storyId: number }) {
  return useContext(LiveStories).has(props.storyId) ? <span class="live-badge">Live</span> : null;
}
