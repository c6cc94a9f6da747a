/**
 * The demo's live story: the day the Brennamouth port talks run into the night, covered live from the quay, the
 * ministry and the newsroom. Times are minutes after the story went out; key events are pinned.
 */
export interface DemoLiveUpdate {
  after: number;
  author: string;
  headline?: string;
  body: string;
  pinned?: boolean;
}

export const demoLiveStoryKey = 'b-port-strike-talks';

export const demoLiveSummary =
  '<p>Talks to end the Brennamouth dock strike resumed under the special mediator, Ines Varga. The union and the port authority have agreed on night-shift pay; <strong>the remote cranes remain the sticking point</strong>. Around 40 ships wait offshore.</p>';

export const demoLiveUpdates: DemoLiveUpdate[] = [
  { after: 5, author: 'priya-raman', headline: 'Mediator arrives at the harbour office', body: '<p>Ines Varga walked into the harbour office just after nine without speaking to the reporters at the gate. Both delegations are already inside.</p>', pinned: true },
  { after: 12, author: 'priya-raman', body: '<p>About sixty strikers have gathered on the quay opposite the office. The mood is calm; someone has brought a tea urn and a radio.</p>' },
  { after: 20, author: 'mara-okafor', body: '<p>For readers just joining: the strike began five days ago over plans to run two new container cranes remotely from an office inland, and over unpaid night-shift premiums. Our <a href="/thread/port-strike">full coverage of the dispute is here</a>.</p>' },
  { after: 31, author: 'tomas-lindqvist', headline: 'Transport minister: "no deal imposed from above"', body: '<figure class="quote"><blockquote><p>The mediator has our full support, and no deal will be imposed from above. The parties know the cost of every day the ships wait.</p></blockquote><figcaption>Transport minister Elin Saar, speaking in parliament</figcaption></figure>' },
  { after: 44, author: 'priya-raman', body: '<p>The port authority says 41 ships are now waiting at anchor, three more than yesterday. Two fruit carriers have turned back towards Calvera.</p>' },
  { after: 58, author: 'priya-raman', body: '<p>A union spokesman, Jonas Reiter, came out briefly: "We are talking about people, not cranes. Nobody leaves this room with fewer jobs than they came in with."</p>' },
  { after: 73, author: 'mara-okafor', body: '<p>Fishing crews, who are not on strike, are landing their catches as usual at the inner basin. The fish auction opened on time this morning.</p>' },
  { after: 90, author: 'tomas-lindqvist', body: '<p>The opposition has called for an urgent debate on the strike tomorrow afternoon. The government says it will not legislate while talks continue.</p>' },
  { after: 104, author: 'priya-raman', headline: 'Night-shift pay agreed', body: '<p>Both sides confirm they have agreed on night-shift pay: a 30 per cent premium for shifts between 22:00 and 06:00, back-dated to January. The remote cranes are next on the table.</p>', pinned: true },
  { after: 112, author: 'priya-raman', body: '<p>A cheer went up on the quay when the news reached the strikers. Reiter told them to stay: "Half a deal is no deal."</p>' },
  { after: 130, author: 'mara-okafor', body: '<p>Freight forwarders estimate the strike has cost exporters around 9 million marks a day, mostly in perishable goods and missed connections at transhipment ports.</p>' },
  { after: 151, author: 'priya-raman', body: '<p>Lunch has been sent in to the harbour office: sandwiches from the Net Loft, according to the delivery rider, who was not impressed by the tip.</p>' },
  { after: 176, author: 'tomas-lindqvist', body: '<p>The finance ministry says no public money is on the table, but officials have not ruled out retraining funds for crane drivers whose work moves inland.</p>' },
  { after: 203, author: 'priya-raman', headline: 'Port authority offers a no-redundancy guarantee', body: '<p>The port authority has offered a written guarantee of no compulsory redundancies for five years if the remote cranes go ahead. The union is considering it.</p>', pinned: true },
  { after: 219, author: 'mara-okafor', body: '<p>We asked readers who work at the port what they make of the offer. Many answers say five years is too short; several welcome the guarantee but want it to cover agency staff too.</p>' },
  { after: 240, author: 'priya-raman', body: '<p>The union delegation has left the room to consult members by phone. The port authority team remains inside.</p>' },
  { after: 266, author: 'priya-raman', body: '<p>Reiter, back at the gate: "Five years is a start. Agency workers are part of this port too." The union wants them covered by the guarantee.</p>' },
  { after: 295, author: 'tomas-lindqvist', body: '<p>In parliament, the minister repeats that the government will not intervene. Asked whether she would meet the union, she said she would "meet anyone who brings the ships in."</p>' },
  { after: 320, author: 'mara-okafor', body: '<p>Dusk on the quay. The crowd has grown to a few hundred; families have come down with food. Police have closed the harbour road to traffic.</p>' },
  { after: 348, author: 'priya-raman', body: '<p>Talks have resumed with both delegations in the room. The mediator’s office says it expects them to continue "well into the night".</p>' },
  { after: 377, author: 'priya-raman', body: '<p>Three tugboat crews have offered to work through the night if a deal is reached, so the first ships can berth by morning.</p>' },
  { after: 410, author: 'mara-okafor', body: '<p>Correspondents in Calvera report that its port has taken in eleven diverted ships this week and is itself close to capacity.</p>' },
  { after: 442, author: 'priya-raman', body: '<p>A port authority spokeswoman says agency workers "are being discussed". That is the first time the authority has said so publicly.</p>' },
  { after: 470, author: 'tomas-lindqvist', body: '<p>The opposition’s urgent debate has been moved to Thursday "to give the talks room", the speaker’s office says.</p>' },
  { after: 505, author: 'priya-raman', headline: 'Draft agreement reached, members to vote', body: '<p>The mediator has announced a draft agreement: the remote cranes go ahead with a crane driver on site for every shift, a seven-year no-redundancy guarantee that includes agency staff, and the night-shift premium. Union members will vote on it tomorrow.</p>', pinned: true },
  { after: 512, author: 'priya-raman', body: '<p>Loud applause on the quay. Reiter asked members to read the text before they cheer: "Vote with your heads."</p>' },
  { after: 530, author: 'mara-okafor', body: '<p>The strike continues until the vote, the union says. Picket lines stay in place overnight.</p>' },
  { after: 555, author: 'tomas-lindqvist', body: '<p>The minister welcomed the draft: "This is what patient talks achieve." The opposition called it "a deal that should have been made a fortnight ago".</p>' },
  { after: 590, author: 'priya-raman', body: '<p>The port authority says it can berth the first four ships within six hours of a yes vote.</p>' },
  { after: 640, author: 'mara-okafor', body: '<p>We will follow the vote live tomorrow. Thank you for reading through a long day on the quay.</p>' },
];
