/**
 * Demo stories, batch A: World, Politics, Science and Opinion.
 * All places, people, parties and outlets are invented for the demo newsroom.
 */
import type { DemoStory } from './types.js';

export const storiesA: DemoStory[] = [
  // ───────────────────────────── World ─────────────────────────────
  {
    key: 'a-tarsel-encircled',
    section: 'world',
    title: 'Fighters encircle Tarsel as the river port’s last road out is cut',
    dek: 'Upper Venn Council forces closed the eastern highway into Tarsel, leaving about 140,000 people with less than three weeks of stored food.',
    authors: ['mara-okafor'],
    tags: ['Ceasefire', 'Refugees', 'Ports'],
    daysAgo: 9,
    hour: 7,
    thread: 'siege-of-tarsel',
    image: {
      seed: 17,
      alt: 'Locator map: the river Venn bends around Tarsel, marked in red; a red dashed line runs east past the grain silos towards the Korvathi capital.',
      caption: 'Tarsel sits on a bend of the Venn, and its wharves handle most of the valley’s grain.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>Forces loyal to the Upper Venn Council closed the last open road into Tarsel early on Tuesday, completing an encirclement of the river port that local officials say leaves around 140,000 people with less than three weeks of stored food.</p>
<p>The city, which sits on a bend of the Venn roughly 60 kilometres upstream from the Korvathi capital, has been shelled intermittently since late last month. Residents reached by telephone described queues outside the two bakeries still operating and a curfew enforced from 8 p.m.</p>
<p>According to the Northern Broadcasting Service, whose correspondent remains inside the city,</p>
<figure class="quote"><blockquote cite="https://example.org/nbs/tarsel-road-cut"><p>The eastern highway was closed at first light. By nine o’clock the checkpoint at the grain silos was flying the council’s flag, and the trucks that had been waiting there turned back towards the centre.</p></blockquote><figcaption><cite>Northern Broadcasting Service</cite>, regional broadcaster</figcaption></figure>
<h2>A port that feeds the valley</h2>
<p>Tarsel’s wharves handle most of the grain barged down the Venn each autumn, and losing them would cut the upper valley’s farms off from their buyers. Korvath’s defence ministry said on Tuesday that river traffic had been suspended “until safe passage can be guaranteed”.</p>
<p>Colonel Arvid Teslenko, a ministry spokesman, told reporters in the capital that government units had withdrawn from two outlying districts “to shorten the line and protect civilians”. He declined to say how many troops remained inside the city.</p>
<aside class="pull-quote"><p>“We have flour for eighteen days if nobody panics. People are already panicking.”</p></aside>
<p>The city’s mayor, Edda Marinov, said her office had counted the stocks in every warehouse it could still reach.</p>
<figure class="quote"><blockquote><p>We have flour for eighteen days if nobody panics. People are already panicking. What we need is not statements from the capital but a corridor, and we need it this week.</p></blockquote><figcaption><cite>Edda Marinov</cite>, mayor of Tarsel</figcaption></figure>
<h2>Calls for a corridor</h2>
<p>The Riverlands Relief Network, which ran a field clinic in Tarsel’s old customs house until its staff were evacuated on Sunday, said three of its convoys had been turned back in the past week. Its regional coordinator, Naima Østberg, urged both sides to agree a daily pause in fighting so that the elderly and the wounded could leave.</p>
<p>A spokesman for the Upper Venn Council, reached by message, said the council “has no quarrel with the people of Tarsel” and would consider “any proposal that does not reinforce the garrison”. He did not respond to questions about the shelling of residential streets near the port.</p>
<p>Diplomats from the coastal republic of Saranto, which borders Korvath’s southern provinces, said they had offered to host talks. Neither side has yet accepted.</p>`,
  },
  {
    key: 'a-tarsel-corridor-opens',
    section: 'world',
    title: 'First civilians leave Tarsel as a six-hour corridor holds along the Venn',
    dek: 'More than 3,200 people walked out of the besieged river port along an old towpath, but hospital patients were left behind under the narrow terms.',
    authors: ['mara-okafor'],
    tags: ['Refugees', 'Border Crossings', 'Ceasefire'],
    daysAgo: 5,
    hour: 10,
    thread: 'siege-of-tarsel',
    image: {
      seed: 42,
      alt: 'Locator map: a red dashed corridor leaves Tarsel along the western bank of the Venn to a reception centre to the north-west.',
      caption: 'The corridor followed the towpath on the Venn’s western bank, out of direct sight of the guns.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>More than 3,200 people walked, drove or were carried out of Tarsel on Friday during a six-hour pause in fighting, the first organised departure since Upper Venn Council forces <a href="{{link:a-tarsel-encircled}}">closed the last road into the river port</a> three days earlier.</p>
<p>The corridor ran along the old towpath on the Venn’s western bank, a route chosen because neither side has artillery within direct sight of it. Buses provided by the regional government waited at a sugar-beet depot eleven kilometres south, where volunteers handed out water, blankets and SIM cards.</p>
<p>The Coastal Wire reported from the depot,</p>
<figure class="quote"><blockquote cite="https://example.org/coastal-wire/tarsel-towpath"><p>Most of those arriving were women, children and men over sixty. Several carried cats in shopping bags. One man pushed his mother the whole way in a wheelbarrow lined with a duvet.</p></blockquote><figcaption><cite>The Coastal Wire</cite>, news agency</figcaption></figure>
<h2>How the pause was agreed</h2>
<p>The arrangement was brokered by the International Committee for Civilian Protection, whose delegates spent two days shuttling between the council’s command post and Korvathi officers in the city. The committee said the terms were deliberately narrow: one route, one direction, daylight only, and no vehicle heavier than a minibus.</p>
<figure class="quote"><blockquote><p>Nobody should mistake this for a ceasefire. It is a door that was opened for six hours, and we will have to negotiate every hour it stays open in the future.</p></blockquote><figcaption><cite>Teodor Albescu</cite>, head of delegation, International Committee for Civilian Protection</figcaption></figure>
<p>Korvath’s interior ministry said 412 of those who left had crossed overnight into Saranto at the Mirel bridge checkpoint, where border guards opened four extra processing lanes. Saranto’s migration office said it had registered them as “temporarily displaced” rather than as asylum seekers, a status that allows them to work for up to a year.</p>
<h2>Those who stayed</h2>
<p>Officials inside the city estimate that fewer than one in forty residents used the corridor. Some said they feared looting if they left their homes; others did not trust the guarantees. Hospital staff said they had been unable to move the 37 patients in the intensive care unit because the terms excluded ambulances.</p>
<p>Naima Østberg of the Riverlands Relief Network said her organisation would press for a second pause that included medical transport.</p>
<figure class="quote"><blockquote><p>A corridor that only the healthy can walk through is a start, not a solution. The people we are most worried about are the ones who cannot reach the towpath.</p></blockquote><figcaption><cite>Naima Østberg</cite>, regional coordinator, Riverlands Relief Network</figcaption></figure>
<p>The Upper Venn Council said it would “consider” a further pause in the coming days.</p>`,
    comments: [
      {
        name: 'Ilse Marrow',
        email: 'ilse.marrow@example.com',
        body: 'My aunt was on that towpath. She says the volunteers at the depot were extraordinary.\nThank you for naming the Mirel crossing, we had no idea where she would end up.',
        minutesAfter: 95,
        replies: [
          {
            name: 'Kofi Brandauer',
            email: 'kofi.b@example.com',
            body: 'Glad she is out. The Saranto migration office has a helpline for families trying to trace people who crossed, listed here: https://example.com/saranto-displaced-helpline',
            minutesAfter: 180,
          },
        ],
      },
      {
        name: 'Petra Lindell',
        email: 'p.lindell@example.com',
        body: 'Thirty-seven intensive care patients left behind because the terms excluded ambulances. That line should be in the headline.',
        minutesAfter: 240,
      },
      {
        name: 'Ruben Achterhof',
        email: 'ruben.achterhof@example.com',
        body: 'Does anyone know whether the corridor is going to be repeated? The article says “in the coming days” but that was the council’s word, not the committee’s.',
        minutesAfter: 1310,
      },
    ],
  },
  {
    key: 'a-tarsel-ceasefire-talks',
    section: 'world',
    title: 'Tarsel ceasefire talks open in Port Amsel with grain barges on the table',
    dek: 'Korvath’s government and the Upper Venn Council met face to face for the first time since the siege began, agreeing a 48-hour period of restraint.',
    authors: ['mara-okafor'],
    tags: ['Ceasefire', 'Ports', 'Refugees'],
    daysAgo: 1,
    hour: 16,
    thread: 'siege-of-tarsel',
    updatedMinutesAfter: 90,
    body: `<p>Negotiators for Korvath’s government and the Upper Venn Council met face to face on Wednesday for the first time since the siege of Tarsel began, sitting at opposite ends of a conference table in a harbour hotel in Port Amsel, capital of the neighbouring coastal republic of Saranto.</p>
<p>The talks follow a week in which the river port was <a href="{{link:a-tarsel-encircled}}">cut off by land</a> and then partly relieved by <a href="{{link:a-tarsel-corridor-opens}}">a six-hour civilian corridor</a>, which has since been repeated twice more. Saranto’s foreign ministry said both delegations had agreed to a 48-hour “period of restraint” around the city while the talks continue.</p>
<h2>What is on the table</h2>
<p>A draft agenda seen by Gazette lists three items:</p>
<ol>
<li>a monitored ceasefire within a 15-kilometre radius of Tarsel;</li>
<li>the reopening of the port to grain barges under international inspection;</li>
<li>the exchange of prisoners held since the fighting began, thought to number about 260.</li>
</ol>
<p>The port question is likely to prove the hardest. The council wants a share of the customs revenue from barges passing through waters it controls; the government regards that as recognition by another name.</p>
<p>According to the Northern Broadcasting Service,</p>
<figure class="quote"><blockquote cite="https://example.org/nbs/amsel-talks-day-one"><p>Both delegations arrived with grain merchants in their entourage, a sign that the economics of the river matter at least as much to them as the lines on the map.</p></blockquote><figcaption><cite>Northern Broadcasting Service</cite>, regional broadcaster</figcaption></figure>
<p>Saranto’s chief mediator, Ambassador Lior Castellane, told reporters outside the hotel that expectations should be kept modest.</p>
<figure class="quote"><blockquote><p>If we end the week with a ceasefire map that both sides have initialled, I will consider that a good week. Everything else can follow from a map.</p></blockquote><figcaption><cite>Lior Castellane</cite>, Saranto’s chief mediator</figcaption></figure>
<h2>In the city</h2>
<p>Inside Tarsel, residents reported the quietest night since the encirclement. The mayor, Edda Marinov, said a convoy of nine trucks carrying flour and insulin had reached the central market under the protection committee’s flag on Wednesday morning, the first delivery of food by road in more than a week.</p>
<figure class="quote"><blockquote><p>For the first time in days my children slept through the night. I do not trust it yet, but I will take it.</p></blockquote><figcaption><cite>Daria Voss</cite>, teacher and Tarsel resident, speaking to the Northern Broadcasting Service</figcaption></figure>
<p><strong>Update:</strong> After this article was first published, Saranto’s foreign ministry said the two delegations had agreed to extend the period of restraint by a further 24 hours and to set up a joint working group on prisoner exchanges. Talks on the port will resume on Saturday.</p>`,
    comments: [
      {
        name: 'Anneliese Voronin',
        email: 'a.voronin@example.com',
        body: 'Grain merchants in the entourage tells you everything. Whoever controls the barges controls the valley.',
        minutesAfter: 75,
        replies: [
          {
            name: 'Tobias Whitcombe',
            email: 'tobias.whitcombe@example.com',
            body: 'True, but that also means both sides have a reason to want the port open. Shared money has ended wars before.',
            minutesAfter: 160,
          },
        ],
      },
      {
        name: 'Marguerite Dalby',
        email: 'mdalby@example.com',
        body: 'Thank you for the clear update at the bottom. Twenty-four more hours is not much, but it is not nothing.',
        minutesAfter: 410,
      },
    ],
  },
  {
    key: 'a-saranto-drought-rationing',
    section: 'world',
    title: 'Saranto rations tap water as reservoirs fall to a fifth of capacity',
    dek: 'Households in four coastal provinces will get running water for fourteen hours a day after a third dry winter left reservoirs at record lows.',
    authors: ['mara-okafor'],
    tags: ['Drought', 'Climate Policy', 'Public Health'],
    daysAgo: 23,
    hour: 9,
    image: {
      seed: 88,
      alt: 'Chart: a tank drawn a fifth full beside the figure 21 per cent, the share of capacity Saranto’s reservoirs hold.',
      caption: 'Saranto’s main reservoirs hold 21 per cent of their capacity, the lowest since records began.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>Households in four of Saranto’s six coastal provinces will have running water for only fourteen hours a day from Wednesday, after the republic’s water authority said its main reservoirs had fallen to 21 per cent of capacity, the lowest level since records began in 1961.</p>
<p>Under the schedule published on Monday, taps in Port Amsel and the surrounding districts will run from 5 a.m. to 7 p.m. Hospitals, care homes and fire stations are exempt. Car washes, ornamental fountains and the filling of private swimming pools are banned outright, with fines of up to 2,000 crowns for repeat offenders.</p>
<h2>A third dry winter</h2>
<p>Saranto’s winter rains, which normally refill the reservoirs in the hills behind the coast, have fallen short for three consecutive years. The national meteorological office says rainfall between November and March was 38 per cent below the thirty-year average.</p>
<p>The Coastal Wire reported,</p>
<figure class="quote"><blockquote cite="https://example.org/coastal-wire/reservoir-levels"><p>At the Dravna reservoir, the water line has retreated so far that the foundations of a village flooded in the 1960s are visible again, including the stone steps of its church.</p></blockquote><figcaption><cite>The Coastal Wire</cite>, news agency</figcaption></figure>
<p>The director of the water authority defended the decision at a press conference in the capital.</p>
<figure class="quote"><blockquote><p>Rationing is a blunt tool and I do not pretend otherwise. But the alternative is a summer in which we cannot promise water to anyone at all.</p></blockquote><figcaption><cite>Ottilie Marquand</cite>, director, Saranto Water Authority</figcaption></figure>
<aside class="pull-quote"><p>The foundations of a drowned village are visible again, down to the steps of its church.</p></aside>
<h2>Desalination plans revived</h2>
<p>The government has revived plans for a desalination plant at Cape Orsa, first proposed more than a decade ago and shelved over its cost and energy use. Ministers say it could supply a quarter of the capital’s needs within four years if construction starts next spring. Environmental groups want the plant tied to new solar capacity so that it does not deepen the republic’s reliance on imported gas.</p>
<p>Public health officials have also warned of a rise in stomach illness when pressure drops in ageing pipes, which can allow contaminated groundwater to seep in. The health ministry has advised residents in older districts to boil water for the first hour after supply resumes each morning.</p>
<p>Farmers’ unions, meanwhile, say irrigation quotas cut by half in April have already cost the citrus harvest an estimated 30 per cent of its usual yield, and have asked for emergency compensation.</p>`,
  },
  {
    key: 'a-kallis-pass-night-train',
    section: 'world',
    title: 'Night train returns to the Kallis Pass after a fourteen-year closure',
    dek: 'Passenger services between Saranto and Lendria resume through a rebuilt tunnel approach, with border checks now carried out while the train is moving.',
    authors: ['mara-okafor'],
    tags: ['Rail', 'Border Crossings', 'Transport'],
    daysAgo: 34,
    hour: 11,
    image: {
      seed: 123,
      alt: 'Locator map: a red dashed line runs north-east from Port Amsel on the coast to Vortice.',
      caption: 'The first service left Port Amsel at 21:40 and reached Vortice just after dawn.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>A passenger train crossed the border between Saranto and Lendria through the Kallis Pass on Wednesday night for the first time in fourteen years, reopening a line that was closed after a landslide buried part of the tunnel approach.</p>
<p>The 21:40 service from Port Amsel reached the Lendrian junction town of Vortice at 6:15 the next morning, six minutes behind schedule. Tickets for the first month sold out within two days of going on sale, according to the two national rail operators, which run the service jointly.</p>
<h2>Checks on the move</h2>
<p>The most significant change is not the track but the paperwork. Under an agreement signed last year, border officers from both countries board the train at its last stop before the frontier and carry out passport and customs checks while it is moving, rather than holding passengers on a platform at the pass for up to two hours as they did before the closure.</p>
<p>The Lendrian public broadcaster, Radio Vortice, reported,</p>
<figure class="quote"><blockquote><p>Passengers who remembered the old service described the difference as remarkable. One retired teacher said she had once spent an entire night on the platform at Kallis, in the snow, because the only customs officer on duty had gone home ill.</p></blockquote><figcaption><cite>Radio Vortice</cite>, Lendrian public broadcaster</figcaption></figure>
<p>The reconstruction cost 410 million crowns, about two thirds of which went on stabilising the slope above the tunnel with rock anchors, drainage channels and a steel catch-fence.</p>
<figure class="quote"><blockquote><p>We have put sensors in the hillside that will tell us if it moves by more than a millimetre. The mountain has not changed its mind about falling down; we have simply learned to listen to it.</p></blockquote><figcaption><cite>Hana Dvorik</cite>, chief engineer, Saranto Rail Infrastructure</figcaption></figure>
<h2>Freight next</h2>
<p>Freight operators are watching closely. The line offers a route between Port Amsel’s container terminal and Lendria’s industrial north that avoids the coastal motorway, where lorries queue for up to nine hours at the main road crossing in summer. Both governments say freight paths will be offered from next spring, once signalling upgrades are complete.</p>
<p>Not everyone is persuaded. Residents of the valley villages below the pass, who campaigned for years against night freight, have asked for noise barriers and a cap of four freight trains a night. A regional planning hearing is scheduled for October.</p>
<p>For now, the operators plan three return passenger services a week, rising to a daily train in summer if demand holds.</p>`,
  },
  {
    key: 'a-virelia-reporter-detained',
    section: 'world',
    title: 'Virelian court extends detention of camera operator who filmed dam protests',
    dek: 'Ilka Ferraud of Southern Lakes Television will spend sixty more days in custody after a closed 25-minute hearing that diplomats were barred from attending.',
    authors: ['mara-okafor'],
    tags: ['Press Freedom', 'Courts'],
    daysAgo: 15,
    hour: 13,
    body: `<p>A court in the Virelian city of Gorsk on Wednesday extended by sixty days the pre-trial detention of Ilka Ferraud, a camera operator for the regional broadcaster Southern Lakes Television, who was arrested last month while filming protests against a hydroelectric dam.</p>
<p>Ms Ferraud, 34, is charged with “participating in an unauthorised assembly” and “disseminating material that undermines public order”, offences that together carry a sentence of up to seven years. Her lawyers say she was wearing a press vest and carrying accreditation issued by the Virelian interior ministry when she was detained.</p>
<p>According to Southern Lakes Television,</p>
<figure class="quote"><blockquote cite="https://example.org/southern-lakes-tv/statement-ferraud"><p>Ilka was doing the job she has done for twelve years, on a public road, in daylight. The footage the prosecution calls dangerous was broadcast in full on our evening bulletin, and nobody was harmed by watching it.</p></blockquote><figcaption><cite>Southern Lakes Television</cite>, statement from the newsroom</figcaption></figure>
<h2>A closed hearing</h2>
<p>Wednesday’s hearing lasted 25 minutes and was closed to the public and to diplomats from four embassies who had asked to attend. Her lawyer, Matei Corvell, said the judge had accepted the prosecution’s argument that Ms Ferraud might “influence witnesses” if released, although the only witnesses listed are police officers.</p>
<figure class="quote"><blockquote><p>We asked for house arrest, for bail, for an electronic tag. Each was refused in a single sentence. My client is being held not because she is a risk but because she is an example.</p></blockquote><figcaption><cite>Matei Corvell</cite>, defence lawyer</figcaption></figure>
<p>Virelia’s prosecutor general’s office said in a written statement that the case “concerns conduct, not journalism” and that the courts were “acting independently”.</p>
<h2>A pattern of cases</h2>
<p>Press freedom groups say Ms Ferraud is the fifth journalist detained in Virelia this year in connection with coverage of the Lower Gorsk dam, which would flood eleven villages and has drawn sustained protests since construction began. A report published in March by the Open Newsroom Trust counted 42 cases of journalists being obstructed, searched or detained in the country over the previous twelve months, up from 17 the year before.</p>
<figure class="quote"><blockquote><p>What changed this year is not the law but the appetite for using it. Charges that once ended in a warning now end in a cell.</p></blockquote><figcaption><cite>Open Newsroom Trust</cite>, country report on Virelia</figcaption></figure>
<p>The broadcaster has been running a daily on-screen counter of the days she has spent in custody. On Wednesday it read 31.</p>`,
    comments: [
      {
        name: 'Jasper Quillon',
        email: 'jasper.quillon@example.com',
        body: 'The Open Newsroom Trust report is worth reading in full: https://example.com/report\nThe section on accreditation being ignored at checkpoints is chilling.',
        minutesAfter: 130,
        replies: [
          {
            name: 'Noor Elsworth',
            email: 'noor.elsworth@example.com',
            body: 'Thanks for the link. Do they say whether any of the 42 cases ended in convictions?',
            minutesAfter: 300,
            replies: [
              {
                name: 'Jasper Quillon',
                email: 'jasper.quillon@example.com',
                body: 'Three, all suspended sentences, according to the annex. Most were dropped after months in custody, which is rather the point.',
                minutesAfter: 455,
              },
            ],
          },
        ],
      },
      {
        name: 'Helena Strick',
        email: 'helena.strick@example.com',
        body: 'Good that Gazette keeps covering this. Small broadcasters do not get much attention when their people are locked up.',
        minutesAfter: 920,
      },
    ],
  },
  {
    key: 'a-lessar-delta-floods',
    section: 'world',
    title: 'Lessar delta floods force 60,000 from their homes after a levee breach',
    dek: 'An 80-metre breach in a levee listed for reinforcement years ago sent water two metres deep through Brascoe and the farmland around it.',
    authors: ['mara-okafor', 'daniel-achterberg'],
    tags: ['Floods', 'Refugees', 'Public Health'],
    daysAgo: 0,
    hour: 6,
    updatedMinutesAfter: 45,
    image: {
      seed: 156,
      alt: 'Locator map of the Lessar delta: a hatched flooded area around Brascoe, next to the levee breach, with Vortice to the north-east.',
      caption: 'Water up to two metres deep spread across the market town of Brascoe overnight.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>At least 60,000 people have been evacuated from low-lying towns in Lendria’s Lessar delta after a levee on the river’s main channel gave way overnight, sending water up to two metres deep through the market town of Brascoe and the farmland around it.</p>
<p>The breach, roughly 80 metres wide, opened at about 2 a.m. local time after five days of heavy rain in the uplands. The national hydrological office said the Lessar’s flow at the gauge above Brascoe peaked at 3,900 cubic metres per second, higher than during the floods of 1998, which are still the benchmark for the delta’s defences.</p>
<p>Lendria’s civil protection agency reported,</p>
<figure class="quote"><blockquote cite="https://example.org/lendria-civil-protection/lessar-bulletin-4"><p>Rescue teams using boats have recovered 1,140 people from rooftops and upper floors. Three people are confirmed dead and eleven are unaccounted for. The water is still rising in the southern part of the delta.</p></blockquote><figcaption><cite>Lendrian Civil Protection Agency</cite>, bulletin issued at 5 a.m.</figcaption></figure>
<h2>Why this levee</h2>
<p>The section that failed was one of fourteen listed as a “priority for reinforcement” in a government review published four years ago. Work on it had been scheduled to start this autumn. Engineers say earthen levees that have been saturated for several days can fail through seepage underneath long before water reaches their crest, which appears to be what happened at Brascoe.</p>
<figure class="quote"><blockquote><p>We knew which stretches were weakest. We simply ran out of years. This is the kind of failure the models warned about, in exactly the place the models warned about.</p></blockquote><figcaption><cite>Rosalind Strand</cite>, hydraulic engineer, Lendrian Institute of Water Management</figcaption></figure>
<h2>Shelter and health</h2>
<p>Around 9,000 evacuees spent the night in sports halls and schools in the regional capital, Vortice, where the city council has opened twelve shelters. Health officials warned of the risk of waterborne illness and urged residents not to drink from private wells in the flooded area until they have been tested.</p>
<p>The Lessar is expected to stay above danger level for at least three more days, and forecasters say further rain is possible later in the week.</p>
<p><strong>Update:</strong> The civil protection agency later said the number of people unaccounted for had fallen to seven, after four were found safe at a relative’s house outside the evacuation zone.</p>`,
    comments: [
      {
        name: 'Gerrit Balsam',
        email: 'gerrit.balsam@example.com',
        body: 'Four years on a priority list and work was due to start this autumn. Someone should be asked why it took so long.',
        minutesAfter: 25,
        replies: [
          {
            name: 'Yara Felden',
            email: 'yara.felden@example.com',
            body: 'I worked on one of those reviews. The list was always longer than the money.\nThat does not excuse it, but it is usually how it happens.',
            minutesAfter: 70,
          },
        ],
      },
      {
        name: 'Cosima Herrold',
        email: 'cosima.h@example.com',
        body: 'If you are in Vortice and can help, the shelters are asking for dry clothes and phone chargers rather than food.',
        minutesAfter: 140,
      },
    ],
  },

  // ──────────────────────────── Politics ────────────────────────────
  {
    key: 'a-stopgap-budget',
    section: 'politics',
    title: 'Parliament delays budget vote as caretaker government seeks a stopgap',
    dek: 'With coalition talks under way, the caretaker finance minister will ask for three months of spending at current levels instead of a full budget.',
    authors: ['tomas-lindqvist'],
    tags: ['Budget', 'Parliament', 'Elections'],
    daysAgo: 28,
    hour: 15,
    image: {
      seed: 201,
      alt: 'Illustration: the parliament building, columns under a pediment and a teal dome with a red flag, seen from its steps.',
      caption: 'The stopgap would fund ministries at this year’s rate, adjusted for inflation.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>Parliament will not vote on next year’s budget before the end of the session, the Speaker confirmed on Thursday, leaving the caretaker government to seek a three-month spending measure that would keep ministries running at this year’s levels until a new coalition is in place.</p>
<p>The decision follows last month’s general election, in which no party won more than 29 per cent of the vote and the outgoing Civic Alliance government lost its majority. Under the constitution, a caretaker cabinet may continue existing spending but cannot introduce new programmes or tax changes.</p>
<h2>What the stopgap covers</h2>
<p>The measure tabled by the caretaker finance minister, Ruben Castell, would:</p>
<ul>
<li>fund all ministries at this year’s monthly rate, adjusted for 2.1 per cent inflation;</li>
<li>carry forward capital projects already under contract, including the northern rail electrification;</li>
<li>freeze hiring in the civil service except for health and education posts.</li>
</ul>
<p>It would not include the increase in child benefit that all four main parties promised during the campaign, which Castell said “properly belongs to the next government”.</p>
<figure class="quote"><blockquote><p>A caretaker is a caretaker. My job is to keep the lights on and the nurses paid, not to write the first budget of a government that does not yet exist.</p></blockquote><figcaption><cite>Ruben Castell</cite>, caretaker finance minister</figcaption></figure>
<p>The Labour and Greens Front said it would support the measure but criticised the omission of the benefit increase. Its finance spokesperson, Marit Oduya, said families “should not have to wait for coalition arithmetic”.</p>
<p>According to the Parliamentary Budget Office,</p>
<figure class="quote"><blockquote cite="https://example.org/pbo/stopgap-note"><p>A three-month continuation at current levels would leave the deficit broadly unchanged, but each further month of delay reduces the time available to implement new measures before the end of the fiscal year.</p></blockquote><figcaption><cite>Parliamentary Budget Office</cite>, note to the finance committee</figcaption></figure>
<h2>The clock</h2>
<p>The stopgap is expected to pass next week with the support of at least three parties. Coalition negotiators have told the Speaker’s office they hope to present a programme for government within six weeks, though similar promises after the last two elections both slipped by more than a month.</p>
<p>The Speaker, Ingrid Sallow, said she would keep the chamber’s calendar clear for an emergency budget session in January if it proved necessary.</p>`,
  },
  {
    key: 'a-coalition-talks-stall',
    section: 'politics',
    title: 'Coalition talks stall over an energy levy and the future of the northern mines',
    dek: 'The Civic Alliance and the Rural Party suspended negotiations after nine days, split over a profits levy and the closing date for two lignite mines.',
    authors: ['tomas-lindqvist'],
    tags: ['Coalition Talks', 'Parliament', 'Energy'],
    daysAgo: 12,
    hour: 18,
    body: `<p>Talks on forming a three-party government broke up without agreement late on Saturday after the Civic Alliance and the Rural Party failed to settle a dispute over a proposed levy on energy company profits and the closing date for the last two lignite mines in the north.</p>
<p>Negotiators had been meeting daily at a government guesthouse outside Aldmoor for nine days. Both parties said the talks had been “suspended, not ended”, and the Liberal Forum, the third party at the table, said it expected them to resume early next week.</p>
<h2>The sticking points</h2>
<p>The Civic Alliance, which finished first in the election with 28.7 per cent, wants a temporary levy on energy companies’ profits above a set threshold to fund help with household bills over the winter. The Rural Party, whose strongest districts include the mining towns of Kessel Moor and Dunholt, opposes the levy and wants the mines kept open until 2038, six years later than the outgoing government’s plan.</p>
<figure class="quote"><blockquote><p>We will not sign a programme that tells three thousand miners when their jobs end while nobody has built the factories they are supposed to move into. Give us the factories first.</p></blockquote><figcaption><cite>Greta Holmvik</cite>, leader of the Rural Party</figcaption></figure>
<p>Annika Throsby, the Civic Alliance leader and the likely next prime minister, told reporters as she left the guesthouse that the levy was “the price of a fair winter”.</p>
<figure class="quote"><blockquote><p>Every party at this table promised to help households with their bills. The levy is how we pay for that promise without borrowing. If someone has a better idea, I have not heard it yet.</p></blockquote><figcaption><cite>Annika Throsby</cite>, Civic Alliance leader</figcaption></figure>
<h2>The arithmetic</h2>
<p>Together the three parties hold 104 of parliament’s 199 seats, four more than the 100 needed for a majority. Without the Rural Party’s 23 seats, the Civic Alliance would need the support of the Labour and Greens Front, whose leader, Jonas Feldmeier, has said he would enter talks only if the mines close on the existing timetable.</p>
<p>The Aldmoor Evening Courier reported,</p>
<figure class="quote"><blockquote cite="https://example.org/evening-courier/guesthouse-talks"><p>Officials from both parties describe the mines as the symbolic issue and the levy as the real one: each side believes it can give ground on dates more easily than on money.</p></blockquote><figcaption><cite>Aldmoor Evening Courier</cite>, city newspaper</figcaption></figure>
<p>The caretaker government’s stopgap spending measure, passed last month, runs out at the end of the year. If no coalition is agreed by then, parliament would have to vote on a second stopgap, something that has happened only once before.</p>`,
  },
  {
    key: 'a-coalition-deal-reached',
    section: 'politics',
    title: 'Three parties agree a coalition deal, trading a mine closure date for a levy',
    dek: 'The Civic Alliance, Rural Party and Liberal Forum ended nearly seven weeks without a government with a compromise each side calls a win.',
    authors: ['tomas-lindqvist'],
    tags: ['Coalition Talks', 'Energy', 'Parliament'],
    daysAgo: 3,
    hour: 20,
    image: {
      seed: 233,
      alt: 'Chart: parliament’s 199 seats in a half-circle, 104 of them in red for the coalition, against a line at 100 for a majority.',
      caption: 'The three parties hold 104 of parliament’s 199 seats.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>The Civic Alliance, the Rural Party and the Liberal Forum announced a coalition agreement on Monday evening, ending nearly seven weeks without a government and clearing the way for Annika Throsby to be confirmed as prime minister in a parliamentary vote expected on Wednesday.</p>
<p>The deal resolves the dispute that <a href="{{link:a-coalition-talks-stall}}">brought the talks to a halt earlier this month</a> with a compromise each side is presenting as a win. The energy levy survives, but at a lower rate and for two years rather than three. The last two northern lignite mines will close in 2035 rather than 2032, backed by a 600-million-mark fund for new employers in the mining districts.</p>
<h2>Key commitments</h2>
<ul>
<li>A levy of 25 per cent on energy company profits above their five-year average, expected to raise about 1.8 billion marks a year.</li>
<li>Help with bills of up to 40 marks a month this winter for households below the median income.</li>
<li>The child benefit increase promised by every party, backdated to the start of the year.</li>
<li>A review of regional rail fares, led by the Liberal Forum, to report within a year.</li>
</ul>
<figure class="quote"><blockquote><p>Nobody got everything, which is how you know it is a real agreement. We will publish every page of it tonight so people can judge it for themselves.</p></blockquote><figcaption><cite>Annika Throsby</cite>, prime minister-designate</figcaption></figure>
<p>Greta Holmvik of the Rural Party said the three extra years for the mines, combined with the regional fund, gave workers “time and a place to go”. Her party’s executive approved the deal by 31 votes to 6.</p>
<h2>Reaction</h2>
<p>The opposition Labour and Greens Front criticised the later closure date. Its leader, Jonas Feldmeier, said the compromise “buys votes in Kessel Moor with everyone else’s air”.</p>
<p>Business groups were cautious. According to the Federation of Northern Employers,</p>
<figure class="quote"><blockquote cite="https://example.org/fne/coalition-statement"><p>The levy is smaller than feared, but investors will want to see a firm end date written into law, not a promise that it will expire whenever the coalition says so.</p></blockquote><figcaption><cite>Federation of Northern Employers</cite>, statement</figcaption></figure>
<p>The full 84-page programme was published on the Civic Alliance website shortly after 9 p.m. The names of ministers are expected after the confirmation vote.</p>`,
    comments: [
      {
        name: 'Lotte Vanderhaar',
        email: 'lotte.vdh@example.com',
        body: 'Forty marks a month will not go far this winter, but at least it is targeted. The old scheme paid everyone the same.',
        minutesAfter: 45,
        replies: [
          {
            name: 'Emil Sørbakken',
            email: 'emil.sorbakken@example.com',
            body: 'Targeted by what measure, though? Median income of the household or of the earner? The programme is vague on that.',
            minutesAfter: 120,
          },
          {
            name: 'Lotte Vanderhaar',
            email: 'lotte.vdh@example.com',
            body: 'Page 31 says household. Full text here: https://example.com/coalition-programme-full-text',
            minutesAfter: 205,
          },
        ],
      },
      {
        name: 'Bartholomew Kiss',
        email: 'b.kiss@example.com',
        body: 'From Kessel Moor. Three extra years is welcome, but we were promised a fund last time too and I never saw a factory.',
        minutesAfter: 380,
      },
      {
        name: 'Sunniva Alcott',
        email: 'sunniva.alcott@example.com',
        body: 'Good explainer. Could you do one on what the rail fares review actually covers?\nRegional passes have doubled since I started commuting.',
        minutesAfter: 1020,
        replies: [
          {
            name: 'Nadim Faraway',
            email: 'nadim.faraway@example.com',
            body: 'Seconded. The northern electrification is meant to finish next year and nobody has said what tickets will cost afterwards.',
            minutesAfter: 1140,
          },
        ],
      },
      {
        name: 'Orla Penhallow',
        email: 'orla.penhallow@example.com',
        body: 'Thirty-one votes to six in the Rural Party executive is more dissent than it looks for that party.',
        minutesAfter: 2400,
      },
    ],
  },
  {
    key: 'a-aldmoor-roads-audit',
    section: 'politics',
    title: 'Aldmoor auditor finds road-repair contracts were split to dodge tender rules',
    dek: 'Thirty-eight contracts worth 14.6 million marks were divided to stay under the open-tender threshold, the city auditor says, and the findings go to prosecutors.',
    authors: ['tomas-lindqvist', 'priya-raman'],
    tags: ['Corruption', 'Courts', 'Local Government'],
    daysAgo: 41,
    hour: 12,
    body: `<p>Aldmoor’s city auditor has found that 38 road-repair contracts worth a combined 14.6 million marks were divided into smaller pieces over three years in a way that kept each one below the threshold for open tendering, according to a report released on Thursday.</p>
<p>The report says the contracts went to five companies, two of which share a registered address and a director. It stops short of alleging criminal conduct but says the pattern is “not consistent with chance” and recommends that the findings be passed to prosecutors.</p>
<figure class="quote"><blockquote cite="https://example.org/aldmoor-audit/highway-procurement"><p>In eleven cases, consecutive contracts for adjoining sections of the same street were signed on the same day, each valued at between 97 and 99 per cent of the tender threshold.</p></blockquote><figcaption><cite>Office of the City Auditor</cite>, Aldmoor, report on highway maintenance procurement</figcaption></figure>
<h2>Who signed</h2>
<p>Most of the contracts were approved by the city’s highways department under delegated powers, meaning they never came before councillors. The department’s former director, who left the council two years ago, did not respond to requests for comment sent through his lawyer.</p>
<p>The auditor, Clara Wendt, said weaknesses in the council’s procurement software had made the splitting easy to do and hard to spot.</p>
<figure class="quote"><blockquote><p>The system checked each contract against the threshold. It never asked whether five contracts for the same street in the same week might really be one contract. That is a question a human has to ask, and nobody did.</p></blockquote><figcaption><cite>Clara Wendt</cite>, Aldmoor city auditor</figcaption></figure>
<h2>What happens next</h2>
<p>The council leader, Yusuf Demarin, said the city would refer the report to the regional prosecutor’s office and suspend the five companies from new work pending an investigation. He also announced that every highway contract above 50,000 marks would in future be published online within a week of signature.</p>
<p>Opposition councillors want more. They have tabled a motion calling for an independent review of every contract the department has signed in the past decade, a job the auditor’s office estimates would take eight months.</p>
<p>Two of the companies named in the report issued a joint statement saying they had “always complied with the conditions set by the city” and had never asked for contracts to be divided. One said it would challenge its suspension in the administrative court, arguing that the council had punished it before any finding of wrongdoing.</p>`,
  },
  {
    key: 'a-aldmoor-office-flats',
    section: 'politics',
    title: 'Aldmoor council votes to buy four empty office blocks for 900 flats',
    dek: 'The city will borrow 210 million marks to convert Canal Quarter offices into rent-controlled homes, its largest housing purchase in four decades.',
    authors: ['tomas-lindqvist'],
    tags: ['Housing', 'Local Government', 'Budget'],
    daysAgo: 19,
    hour: 21,
    image: {
      seed: 267,
      alt: 'Illustration: four grey office blocks at dusk with nearly every window dark and only a few lit.',
      caption: 'The four buildings in the Canal Quarter have stood largely empty for several years.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>Aldmoor city council voted by 41 to 28 late on Friday to borrow 210 million marks to buy four empty office buildings and convert them into about 900 rent-controlled flats, the largest single housing purchase by the city in more than forty years.</p>
<p>The buildings, all in the Canal Quarter east of the central station, have stood largely empty since their tenants, two insurers and a telecommunications company, moved to smaller premises. The council says it negotiated prices averaging 22 per cent below their last valuation.</p>
<h2>The case for</h2>
<p>Liesel Braga, the council’s deputy leader for housing, told the chamber that conversion would deliver homes two to three years faster than new construction on the city’s limited spare land.</p>
<figure class="quote"><blockquote><p>There are eleven thousand households on our waiting list and four office blocks in the Canal Quarter with their lights off. I do not think anyone outside this chamber needs a longer explanation than that.</p></blockquote><figcaption><cite>Liesel Braga</cite>, deputy council leader for housing</figcaption></figure>
<p>Under the plan, rents would be capped at 30 per cent of median local earnings, and 200 of the flats would be reserved for key workers, including nurses, bus drivers and teachers.</p>
<h2>The case against</h2>
<p>Opposition councillors argued that the borrowing would leave the city exposed if interest rates rise, and questioned whether office floors designed for open-plan desks could be turned into homes with enough daylight.</p>
<figure class="quote"><blockquote><p>Deep office floors make dark flats. We support more homes, but we have seen conversions in other cities where half the bedrooms have no window. The council has not shown us a single floor plan.</p></blockquote><figcaption><cite>Henrik Ossler</cite>, opposition housing spokesperson</figcaption></figure>
<p>The Aldmoor Evening Courier reported,</p>
<figure class="quote"><blockquote cite="https://example.org/evening-courier/canal-quarter-light-wells"><p>Architects commissioned by the council have proposed cutting light wells through the middle of the two deepest buildings, which would reduce the number of flats by about sixty but bring every bedroom within the national daylight standard.</p></blockquote><figcaption><cite>Aldmoor Evening Courier</cite>, city newspaper</figcaption></figure>
<p>The city’s finance department estimates the annual cost of servicing the loan at 8.4 million marks, to be covered by rents within six years of completion. Work on the first building is due to begin in the spring, with the first tenants expected to move in within two years.</p>`,
    comments: [
      {
        name: 'Marek Hollins',
        email: 'marek.hollins@example.com',
        body: 'As a nurse who commutes ninety minutes each way, the key-worker allocation is the best news I have read this year.',
        minutesAfter: 60,
        replies: [
          {
            name: 'Freya Castellan',
            email: 'freya.castellan@example.com',
            body: 'Same here. I hope they publish how the allocation will work before people start queueing.',
            minutesAfter: 210,
          },
        ],
      },
      {
        name: 'Desmond Arlow',
        email: 'desmond.arlow@example.com',
        body: 'The opposition has a point on daylight. I lived in a converted office in another city and the inner bedroom was basically a cupboard.\nLight wells are the right answer, even if it means fewer flats.',
        minutesAfter: 730,
      },
    ],
  },
  {
    key: 'a-boundaries-ruling',
    section: 'politics',
    title: 'Constitutional court orders electoral map redrawn before the next general election',
    dek: 'Judges found 17 constituencies breach equal suffrage, giving the new coalition eighteen months to redraw boundaries that favour its own rural partner.',
    authors: ['tomas-lindqvist'],
    tags: ['Courts', 'Elections', 'Parliament'],
    daysAgo: 0,
    hour: 8,
    updatedMinutesAfter: 120,
    body: `<p>The Constitutional Court has ruled that the boundaries of 17 parliamentary constituencies breach the principle of equal suffrage and must be redrawn before the next general election, handing the new coalition government an early and politically delicate task.</p>
<p>In a unanimous judgment published this morning, the court’s nine judges found that population movement since the boundaries were last set had left some constituencies with nearly twice as many voters as others. The largest, Aldmoor South-East, has 118,400 registered voters; the smallest, Upper Dunholt, has 61,200.</p>
<figure class="quote"><blockquote cite="https://example.org/constitutional-court/judgment-boundaries"><p>A vote cast in one district must carry approximately the weight of a vote cast in any other. A deviation of this magnitude cannot be justified by tradition, geography or administrative convenience.</p></blockquote><figcaption><cite>Constitutional Court</cite>, judgment on constituency boundaries</figcaption></figure>
<h2>Who is affected</h2>
<p>Most of the undersized constituencies are in the rural north, where the Rural Party, now part of the governing coalition, won nine of its 23 seats. The oversized ones are mainly in the suburbs of Aldmoor and the port city of Brennick. Analysts say a fair redraw would probably move between three and five seats from the north to the cities.</p>
<p>The court did not invalidate the result of the recent election, which it said had been conducted “in good faith under the law then in force”. It gave parliament eighteen months to pass new boundaries and said that if it failed to do so, an independent commission would draw them instead.</p>
<h2>Reaction</h2>
<p>The case was brought by a group of voters from Aldmoor’s eastern suburbs, supported by the civic organisation Fair Count.</p>
<figure class="quote"><blockquote><p>We are not asking for the north to lose its voice. We are asking for people in the suburbs to have the same voice. Today the court agreed that those are the same thing.</p></blockquote><figcaption><cite>Amira Holt</cite>, director, Fair Count</figcaption></figure>
<p>Greta Holmvik, the Rural Party leader and now deputy prime minister, said her party respected the ruling but would argue for “weighting that reflects distance as well as headcount”. Constitutional lawyers say the judgment leaves little room for that.</p>
<p>A spokesperson for Annika Throsby, who was confirmed as prime minister by parliament on Wednesday, said the government would “study the judgment carefully” and set out a timetable before the summer recess.</p>
<p><strong>Update:</strong> The prime minister’s office later confirmed that the boundary review would be handed to a cross-party committee chaired by the Speaker, Ingrid Sallow, which will hold its first meeting next week.</p>`,
  },

  // ───────────────────────────── Science ─────────────────────────────
  {
    key: 'a-lunar-seismometer',
    section: 'science',
    title: 'University-built seismometer records first tremors near the lunar south pole',
    dek: 'Quill, a 2.8-kilogram instrument built partly by students in Aldmoor, detected 23 moonquakes in its first lunar day aboard the Lark-2 lander.',
    authors: ['daniel-achterberg'],
    tags: ['Space', 'Education'],
    daysAgo: 52,
    hour: 14,
    image: {
      seed: 301,
      alt: 'Chart: a seismometer trace with two marked bursts of shaking, labelled event 1 and event 2.',
      caption: 'Two of the first events recorded by Quill rang for more than forty minutes.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>A seismometer designed and built by 14 researchers and 30 students at the University of Aldmoor has recorded its first moonquakes, three weeks after the Lark-2 lander set down near the rim of a crater close to the Moon’s south pole.</p>
<p>The instrument, called Quill, detected 23 events during its first full lunar day, most of them tiny shudders lasting a few seconds. Two were stronger and longer, with signals that rang for more than forty minutes, a characteristic of the Moon’s dry, fractured crust, which scatters seismic waves rather than damping them.</p>
<h2>Built on a shoestring</h2>
<p>Quill weighs 2.8 kilograms and cost about 4 million marks to develop, a fraction of the price of the seismometers carried on earlier missions. Much of its housing was machined in the university’s own workshop, and its calibration software was written by undergraduates as a final-year project.</p>
<figure class="quote"><blockquote><p>When the first trace came through, half the room thought it was a fault in the cable. Then we saw the same wave arrive at all three sensors in the right order, and nobody said anything for about a minute.</p></blockquote><figcaption><cite>Dr Oona Petrakis</cite>, principal investigator, University of Aldmoor</figcaption></figure>
<p>The Meridian Space Agency, which operates Lark-2, said in a mission update,</p>
<figure class="quote"><blockquote cite="https://example.org/msa/lark-2/update-7"><p>Quill is operating within its expected temperature range and returning data on every scheduled pass. The lander’s other instruments, including the ground-penetrating radar and the dust camera, remain healthy.</p></blockquote><figcaption><cite>Meridian Space Agency</cite>, Lark-2 mission update</figcaption></figure>
<h2>Why the south pole matters</h2>
<p>Scientists hope a record of moonquakes near the pole will show whether the region’s crust is stable enough for long-term bases, and whether ice thought to lie in permanently shadowed craters nearby is locked in solid ground or scattered through loose rubble. The two stronger events, the team says, may have come from shallow faults that are still slowly slipping as the Moon cools and contracts.</p>
<p>Quill must now survive the lunar night, two weeks of darkness in which temperatures fall below minus 170 degrees Celsius. It carries a small heater powered by the lander’s batteries, but the team puts its chances of waking up again at “somewhere around even”.</p>
<p>The university has made the first week of data freely available on <a href="https://example.org/aldmoor/quill-data">its open data portal</a>, and says several secondary schools have already used the traces in physics lessons.</p>`,
  },
  {
    key: 'a-seagrass-carbon',
    section: 'science',
    title: 'Restored seagrass meadows bury carbon faster than expected, survey finds',
    dek: 'Sediment cores from Saranto’s southern coast show mature replanted meadows match natural ones, though young beds store little for their first few years.',
    authors: ['daniel-achterberg'],
    tags: ['Oceans', 'Climate Policy'],
    daysAgo: 37,
    hour: 10,
    image: {
      seed: 345,
      alt: 'Illustration: a seagrass meadow under water, sunlight slanting down and a red core sampler driven into the sand.',
      caption: 'Divers took 212 sediment cores from ten meadows along Saranto’s southern coast.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>Seagrass meadows replanted along Saranto’s southern coast over the past decade are burying carbon in their sediments at roughly twice the rate researchers had assumed when the project began, according to a study published this week by the Port Amsel Marine Institute.</p>
<p>Divers took 212 sediment cores from six restored meadows and four natural ones between the towns of Calvessa and Orsa Point. They found that the restored beds, once they had grown dense enough to slow the water flowing over them, trapped fine particles and plant debris as effectively as meadows that had never been disturbed.</p>
<h2>The numbers</h2>
<ul>
<li>Average burial rate in restored meadows older than six years: 1.4 tonnes of carbon per hectare per year.</li>
<li>Average in natural meadows: 1.5 tonnes.</li>
<li>Average in meadows younger than four years: 0.3 tonnes.</li>
</ul>
<p>The lead author, Dr Ines Valtonen, said the lag in young meadows was the most important finding for policymakers.</p>
<figure class="quote"><blockquote><p>For the first few years a new meadow is mostly a promise. It has to grow thick enough to change how the water moves before it starts doing the work. Anyone selling seagrass carbon credits in year one is selling something that does not exist yet.</p></blockquote><figcaption><cite>Dr Ines Valtonen</cite>, Port Amsel Marine Institute</figcaption></figure>
<h2>Caution from other researchers</h2>
<p>Scientists not involved in the study welcomed the data but warned against extrapolating from one coastline. Sediment supply, wave exposure and water temperature vary widely, and some restored meadows elsewhere have died back after marine heatwaves.</p>
<p>According to the Coastal Wire, Saranto’s environment ministry said in a statement,</p>
<figure class="quote"><blockquote cite="https://example.org/coastal-wire/seagrass-ministry"><p>These results strengthen the case for protecting the meadows we still have. Restoration is valuable, but it is slow and expensive; not destroying seagrass in the first place is cheaper by any measure.</p></blockquote><figcaption><cite>Saranto Ministry of Environment</cite>, statement quoted by the Coastal Wire</figcaption></figure>
<p>The institute plans to repeat the coring in three years to see whether the rates hold, and has begun logging water temperature at each site every fifteen minutes. The full data set, including the position and depth of every core, has been published alongside the paper.</p>`,
  },
  {
    key: 'a-riverline-flood-forecast',
    section: 'science',
    title: 'Machine-learning model gave six hours’ extra warning of the Brennick flash flood',
    dek: 'An internal review finds the experimental Riverline model flagged the Tarrow Beck flood hours before the standard system, but it is not yet trusted to issue alerts.',
    authors: ['daniel-achterberg'],
    tags: ['Artificial Intelligence', 'Floods', 'Climate Policy'],
    daysAgo: 7,
    hour: 9,
    image: {
      seed: 389,
      alt: 'Chart: the Tarrow Beck’s level rising past its flood line, with Riverline’s alert marked well before the standard alert.',
      caption: 'Riverline was trained on forty years of records from 310 river catchments.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>An experimental flood-forecasting model run by the National Hydrology Office predicted last month’s flash flood in the Brennick hills about six hours earlier than the office’s standard system, according to an internal review published on Monday.</p>
<p>The model, known as Riverline, uses machine learning trained on forty years of rainfall, soil-moisture and river-gauge records from 310 catchments. It flagged a “high likelihood” of the Tarrow Beck overtopping its banks at 11 a.m. on the day of the flood. The office’s conventional physics-based model did not issue an equivalent warning until 5 p.m., roughly ninety minutes before water reached the first houses.</p>
<h2>Not yet in charge</h2>
<p>Riverline was running in “shadow mode”, meaning its forecasts were recorded but not passed to emergency services. The review recommends that it be allowed to trigger advisory alerts from next season, with a human forecaster required to confirm any warning before it is made public.</p>
<figure class="quote"><blockquote><p>Six hours is the difference between moving cars and moving people. But one good forecast is an anecdote. We need to know how often it cries wolf before we let it shout.</p></blockquote><figcaption><cite>Dr Felix Rennard</cite>, head of forecasting, National Hydrology Office</figcaption></figure>
<p>The review found that over the past two years Riverline would have issued 47 alerts, of which 31 were followed by flooding. The conventional system issued 29 alerts, 24 of them correct, but missed nine floods that Riverline caught.</p>
<h2>Why it works, and where it might not</h2>
<p>Researchers say the model’s advantage comes from learning how quickly particular catchments respond when the ground is already wet, a relationship that is hard to capture in hand-built equations. Its weakness is that it has only ever seen the past.</p>
<figure class="quote"><blockquote><p>A model trained on forty years of history has never met the storms of the next forty. That is not a reason to ignore it, but it is a reason to keep the physics running alongside it and to look hard whenever the two disagree.</p></blockquote><figcaption><cite>Professor Leona Marsh</cite>, climate scientist, University of Aldmoor</figcaption></figure>
<p>The office has published the review and Riverline’s full forecast archive, and says it will hold a public consultation on alert thresholds before the winter. Emergency planners in Brennick have asked to take part.</p>`,
    comments: [
      {
        name: 'Hugo Fairweather',
        email: 'hugo.fairweather@example.com',
        body: '47 alerts and 31 floods means 16 false alarms in two years. For a flash-flood area I would happily take that trade.',
        minutesAfter: 55,
        replies: [
          {
            name: 'Ingrid Kallasvee',
            email: 'ingrid.kallasvee@example.com',
            body: 'Depends who has to act on them. Sixteen evacuations for nothing and people stop leaving. That is why the human check matters.',
            minutesAfter: 190,
          },
        ],
      },
      {
        name: 'Thea Mornington',
        email: 'thea.mornington@example.com',
        body: 'We live on the Tarrow Beck. The water came through our kitchen at about half six. Six hours would have saved our car and most of the ground floor.',
        minutesAfter: 2100,
      },
    ],
  },
  {
    key: 'a-wastewater-measles',
    section: 'science',
    title: 'Sewage sampling spotted Aldmoor’s measles outbreak a week before the first case',
    dek: 'Wastewater testing gave health officials an eight-day head start to vaccinate in two districts, but its national funding ends next spring.',
    authors: ['daniel-achterberg'],
    tags: ['Public Health', 'Local Government', 'Education'],
    daysAgo: 17,
    hour: 8,
    body: `<p>Routine testing of Aldmoor’s sewage detected measles virus eight days before the first patient was diagnosed at a city clinic, giving public health officials time to open vaccination sessions in two districts before the outbreak spread, according to a report from the city’s health department.</p>
<p>The sampling programme, set up during the pandemic to track coronavirus, now tests wastewater from 22 collection points across the city twice a week for a panel of eleven pathogens. Measles was added to the panel last year after vaccination rates among five-year-olds in parts of the city fell below 88 per cent, well short of the 95 per cent needed to prevent sustained spread.</p>
<h2>How it unfolded</h2>
<p>The first positive sample came from a collection point serving about 40,000 people in the Northgate and Millbrook districts. Within 48 hours, the department had written to every school and nursery in the catchment, and pop-up clinics opened in two school halls that weekend.</p>
<figure class="quote"><blockquote><p>The sewage told us where to look before any child was ill enough to see a doctor. We vaccinated 1,900 people in the first ten days, most of them children who had missed their second dose.</p></blockquote><figcaption><cite>Dr Sofia Renwick</cite>, director of public health, Aldmoor</figcaption></figure>
<p>So far 14 cases have been confirmed, all in the two districts, and none since the start of this month. Two children were admitted to hospital and have since been discharged.</p>
<h2>Limits of the method</h2>
<p>Wastewater testing cannot identify individuals and does not show how many people are infected; a single person shedding large amounts of virus can produce a strong signal. Scientists say it works best as an early alarm rather than a count.</p>
<p>According to the Aldmoor Evening Courier,</p>
<figure class="quote"><blockquote cite="https://example.org/evening-courier/wastewater-budget"><p>The programme costs the city about 1.2 million marks a year, and its funding from the national health ministry is due to end next spring unless it is renewed in the new government’s first budget.</p></blockquote><figcaption><cite>Aldmoor Evening Courier</cite>, city newspaper</figcaption></figure>
<p>The department has asked the health ministry to make the funding permanent and to extend sampling to Brennick and four other cities. Parents can check vaccination records and book appointments through <a href="https://example.org/aldmoor-health/vaccinations">the city’s health portal</a>.</p>`,
    comments: [
      {
        name: 'Agnes Toller',
        email: 'agnes.toller@example.com',
        body: 'Head teacher in Millbrook here. The letter from the health department arrived before any parent had heard of a case, and it made the clinic an easy sell.\nPlease keep funding this.',
        minutesAfter: 340,
      },
    ],
  },
  {
    key: 'a-brennick-shore-power',
    section: 'science',
    title: 'Brennick port plugs in cruise ships and cuts harbour soot by a third',
    dek: 'A year of monitoring shows black carbon at the quay down 34 per cent since ships began drawing shore power, though the grid still leans on gas.',
    authors: ['daniel-achterberg', 'priya-raman'],
    tags: ['Ports', 'Energy', 'Oceans'],
    daysAgo: 26,
    hour: 13,
    body: `<p>Air pollution around Brennick’s passenger harbour has fallen sharply since the port began requiring visiting cruise ships to switch off their engines and draw electricity from shore, according to the first year of monitoring data published by the port authority and the city’s environmental health team.</p>
<p>Before the shore-power berths opened, a large cruise ship running its diesel generators at the quay could emit as much fine soot in a day as several thousand cars. The port fitted connections at three berths at a cost of 62 million marks, part-funded by a national green ports grant.</p>
<h2>What the sensors show</h2>
<ul>
<li>Black carbon at the quayside monitor fell by 34 per cent compared with the previous season.</li>
<li>Nitrogen dioxide in the streets of the Old Harbour district fell by 18 per cent.</li>
<li>Ships connected on 212 of 260 calls; the rest lacked compatible equipment or used berths not yet fitted.</li>
</ul>
<figure class="quote"><blockquote><p>The residents of the Old Harbour have been telling us for twenty years that they could taste the ships. This is the first summer they have told us they could not.</p></blockquote><figcaption><cite>Pieter Halloran</cite>, environmental health officer, Brennick city council</figcaption></figure>
<h2>The catch</h2>
<p>The electricity has to come from somewhere. Each connected ship draws up to 12 megawatts, roughly the demand of a small town, and on still, cloudy evenings the regional grid still relies partly on gas. The port says it has signed a supply contract backed by offshore wind, but analysts note that such contracts match output over a year rather than hour by hour.</p>
<p>According to the shipping newsletter Harbour Monthly,</p>
<figure class="quote"><blockquote cite="https://example.org/harbour-monthly/shore-power-costs"><p>Cruise lines have accepted the requirement with less resistance than expected, largely because shore power is now cheaper than burning marine gas oil at current prices. Container lines, whose ships spend less time at berth, are watching the costs closely.</p></blockquote><figcaption><cite>Harbour Monthly</cite>, shipping trade newsletter</figcaption></figure>
<h2>Quieter water</h2>
<p>Marine biologists have noticed a separate benefit. Underwater noise near the berths, which they monitor because of a resident group of harbour porpoises at the river mouth, dropped measurably on days when ships were plugged in. The port plans to fit two container berths with connections within three years.</p>`,
  },

  // ───────────────────────────── Opinion ─────────────────────────────
  {
    key: 'a-opinion-buses-not-bypasses',
    section: 'opinion',
    title: 'Aldmoor needs a bus every ten minutes, not another bypass',
    dek: 'The regional transport plan would spend 380 million marks on a road that saves drivers four minutes, when the same money could transform the buses for twenty years.',
    authors: ['samuel-osei'],
    tags: ['Transport', 'Local Government', 'Budget'],
    daysAgo: 10,
    hour: 7,
    body: `<p>I spent six years on Aldmoor city council, and in that time I voted on three road schemes, two car park expansions and one bypass feasibility study that cost more than the annual budget of our library service. I voted on bus frequencies exactly once. That imbalance is the story of how this city moves, and it is why the regional transport plan now out for consultation deserves a much louder argument than it is getting.</p>
<p>The plan proposes 380 million marks for an eastern bypass around Millbrook. The case rests on journey-time savings of about four minutes at peak hours for drivers heading to the motorway. I do not doubt the modelling. I doubt the question it answers.</p>
<h2>Frequency is freedom</h2>
<p>Ask anyone who relies on the buses what they want, and the answer is almost never a new route. It is a bus that comes often enough that you do not need a timetable. On most of Aldmoor’s network, buses run every 20 or 30 minutes in the daytime and hourly after 8 p.m. That is a service you plan your life around, not one you use without thinking.</p>
<aside class="pull-quote"><p>A bus every ten minutes is not a luxury. It is the point at which public transport stops being a chore.</p></aside>
<p>The transport department’s own figures suggest that running the city’s eight busiest routes every ten minutes from 6 a.m. to 10 p.m. would cost about 19 million marks a year. For the capital cost of the bypass, you could fund that for twenty years.</p>
<h2>The objections</h2>
<p>I know the arguments against. Buses get stuck in the same traffic as cars. Drivers are hard to recruit. Villagers cannot catch a city bus. All true, and all fixable with bus lanes, better pay and a serious on-demand service for the villages, which together would still cost less than the road.</p>
<p>The city’s own transport adviser put it plainly at a public meeting last spring:</p>
<figure class="quote"><blockquote><p>Every study we have done says the same thing. New road capacity fills up within five to seven years. Frequent buses keep their passengers.</p></blockquote><figcaption><cite>Rana Kettering</cite>, transport adviser to Aldmoor city council</figcaption></figure>
<p>The consultation closes at the end of the month. If you have ever stood at a stop in the rain watching the countdown board flick from 12 minutes to 19, <a href="https://example.org/aldmoor/transport-plan-consultation">tell them</a>. Politicians count responses. I used to be one, and I counted.</p>`,
    comments: [
      {
        name: 'Wilhelmina Stroud',
        email: 'w.stroud@example.com',
        body: 'The 14 to the hospital is every half hour and stops at seven. My shift ends at eight.\nI drive because I have to, not because I want to.',
        minutesAfter: 40,
        replies: [
          {
            name: 'Samir Okonkwo-Hale',
            email: 'samir.oh@example.com',
            body: 'Exactly the point of the column. Frequency and hours matter more than new routes.',
            minutesAfter: 115,
            replies: [
              {
                name: 'Wilhelmina Stroud',
                email: 'w.stroud@example.com',
                body: 'I have sent in a consultation response. It took five minutes. Everyone reading this should do the same.',
                minutesAfter: 260,
              },
            ],
          },
        ],
      },
      {
        name: 'Duncan Ferrier',
        email: 'duncan.ferrier@example.com',
        body: 'I live in Millbrook and the traffic at the roundabout is genuinely awful. Buses would sit in the same queue. Some of us need the bypass.',
        minutesAfter: 320,
        replies: [
          {
            name: 'Clem Aubrey',
            email: 'clem.aubrey@example.com',
            body: 'Not if they get a bus lane, which the column suggests. There is a good summary of what other cities did here: https://example.com/bus-lane-evidence',
            minutesAfter: 505,
          },
        ],
      },
      {
        name: 'Rosa Thackeray',
        email: 'rosa.thackeray@example.com',
        body: 'A former councillor admitting they voted on bus frequencies once in six years is refreshingly honest.',
        minutesAfter: 1480,
      },
    ],
  },
  {
    key: 'a-opinion-press-freedom-paperwork',
    section: 'opinion',
    title: 'Press freedom rarely dies in a raid. It fades in the paperwork',
    dek: 'Detained journalists abroad rightly draw outrage, but at home the quieter threats are slow information requests, vanished briefings and lawyers’ letters.',
    authors: ['samuel-osei'],
    tags: ['Press Freedom', 'Courts', 'Local Government'],
    daysAgo: 14,
    hour: 19,
    body: `<p>When a camera operator is <a href="{{link:a-virelia-reporter-detained}}">held for weeks in a Virelian cell</a> for filming a protest on a public road, the injustice is easy to see. We write editorials, embassies ask to attend hearings, and her broadcaster counts the days on screen. That is as it should be. But I have come to think that the more common threat to a free press closer to home looks nothing like a prison.</p>
<p>It looks like a freedom-of-information request that takes eleven months to answer. It looks like a council that stops holding press briefings and posts statements online instead, so that nobody can ask a follow-up question. It looks like a defamation letter sent to a local news site that could not afford a week in court, let alone a trial.</p>
<h2>The slow version</h2>
<p>When I was a councillor, I watched a neighbourhood paper drop an investigation into a planning decision after receiving a three-page letter from a developer’s lawyers. The paper was almost certainly right. It had two reporters and no insurance. Nobody was arrested. A story simply did not get written.</p>
<aside class="pull-quote"><p>Nobody was arrested. A story simply did not get written.</p></aside>
<p>The Open Newsroom Trust, which tracks such cases, put it this way in its most recent annual report:</p>
<figure class="quote"><blockquote cite="https://example.org/open-newsroom-trust/annual-report"><p>The majority of incidents we record do not involve violence or detention. They involve delay, cost and exclusion: public bodies that do not answer, and legal threats designed to exhaust rather than to win.</p></blockquote><figcaption><cite>Open Newsroom Trust</cite>, annual report</figcaption></figure>
<h2>What would help</h2>
<p>None of this requires heroics. It requires a few dull reforms:</p>
<ul>
<li>a statutory deadline for information requests, with automatic disclosure if it is missed;</li>
<li>early dismissal of defamation claims that are plainly meant to silence rather than to put right a real harm;</li>
<li>a rule that public bodies which hold press briefings must let reporters ask questions in person.</li>
</ul>
<p>None of the parties now negotiating a coalition mentioned any of these in their manifestos, though all of them used the word “transparency”. Whoever forms the next government should add them to its first programme. It is far cheaper to protect the press now than to notice, years later, how much we stopped being told.</p>`,
  },
  {
    key: 'a-opinion-schools-ai',
    section: 'opinion',
    title: 'Let pupils use AI tools, and then teach them to argue with them',
    dek: 'Bans will not survive the bus home and blind enthusiasm teaches nothing; schools should make checking machine-written answers the assignment itself.',
    authors: ['samuel-osei'],
    tags: ['Education', 'Artificial Intelligence'],
    daysAgo: 45,
    hour: 17,
    body: `<p>My niece is fourteen. Last month she showed me an essay on the history of Aldmoor’s canals that a chatbot had helped her plan. It was fluent, tidy and wrong in two places, one of which it stated with complete confidence. She had not noticed. Neither, at first, had I.</p>
<p>Schools across the country are now deciding what to do about tools like this, and the debate has settled into two camps. One wants them banned from classrooms and homework, enforced by detection software and handwritten exams. The other wants them embraced as the future of learning, with a tablet on every desk. I think both are making the same mistake: treating the tool as the subject, rather than the thinking it is supposed to serve.</p>
<h2>Bans do not survive the bus home</h2>
<p>A ban might work for the ninety minutes a pupil spends in an exam hall. It does not work for the rest of the week, and detection software is unreliable enough that at least one Aldmoor school has already had to apologise to a pupil wrongly accused of cheating. Teaching by suspicion is a poor way to teach anything.</p>
<h2>Embracing is not understanding</h2>
<p>But the enthusiasts are too quick to assume that access equals skill. A pupil who can get a plausible paragraph in four seconds has not learned to write, and may never learn to notice when the paragraph is rubbish.</p>
<p>The national schools inspectorate made a similar point in guidance published this spring:</p>
<figure class="quote"><blockquote><p>The question for schools is not whether pupils use these tools but whether they can explain, check and, where necessary, reject what the tools produce.</p></blockquote><figcaption><cite>National Schools Inspectorate</cite>, guidance to head teachers</figcaption></figure>
<h2>What I would do</h2>
<p>Let pupils use the tools openly, and then make the checking the assignment. Give a class a machine-written answer with three planted errors and mark them on how many they find and how they prove it. Ask them to write the prompt, then defend every sentence of the output as if it were their own. Grade the argument, not the prose.</p>
<p>My niece rewrote her essay after we went through it together. She found the second error herself, in the library, in a book about the canals published in 1971. She was more pleased about that than about the essay. That feeling, the small thrill of catching something out, is what schools should be teaching towards.</p>`,
    comments: [
      {
        name: 'Gwendolyn Parry',
        email: 'g.parry@example.com',
        body: 'Secondary teacher here. The planted-errors exercise works. I have been doing it for a term and the discussion afterwards is the best part of the week.',
        minutesAfter: 85,
        replies: [
          {
            name: 'Luuk Verhagen',
            email: 'luuk.verhagen@example.com',
            body: 'Would you share the materials? Our department is trying to put something similar together.\nEven an outline would help.',
            minutesAfter: 240,
          },
        ],
      },
      {
        name: 'Ambrose Kettle',
        email: 'ambrose.kettle@example.com',
        body: 'The inspectorate guidance is here for anyone who wants to read it rather than the summary: https://example.com/inspectorate-ai-guidance',
        minutesAfter: 2900,
      },
    ],
  },
];
