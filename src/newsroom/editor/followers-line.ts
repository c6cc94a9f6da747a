/**
 * The publish dialog's line on who gets an email: shared by the page (server) and the dialog's script (browser), so it
 * imports nothing (browser code may not reach server modules).
 */

export function followersLine(sectionFollowers: number, thread: { title: string; count: number } | null): string {
  const readers = (n: number) => `${n} ${n === 1 ? 'reader' : 'readers'}`;
  const parts = [`${readers(sectionFollowers)} following its section`];
  if (thread) parts.push(`${readers(thread.count)} following “${thread.title}”`);
  const total = sectionFollowers + (thread?.count ?? 0);
  return total === 0
    ? `No reader follows its section${thread ? ' or its thread' : ''} by email yet, so no alert goes out.`
    : `Email alerts go to ${parts.join(' and ')}: one short email each, a few minutes after it goes out.`;
}
