/**
 * Demo stories, batch B: business, culture, world, politics and opinion.
 * All people, places, companies and outlets are fictional.
 */
import type { DemoStory } from './types.js';

export const storiesB: DemoStory[] = [
  // ─── Business ────────────────────────────────────────────────────────────
  {
    key: 'b-dockworkers-vote',
    section: 'business',
    title: 'Brennamouth dockworkers vote to strike over remote cranes and night shifts',
    dek: 'Nearly four in five union members backed walkouts at Oresland’s busiest port, setting up the first stoppage there in fourteen years.',
    authors: ['priya-raman'],
    tags: ['Ports', 'Shipping', 'Jobs'],
    daysAgo: 12,
    hour: 9,
    thread: 'port-strike',
    image: {
      seed: 517,
      alt: 'Chart: turnout of 84 per cent and 78 per cent voting to strike, against the 50 per cent turnout the law requires.',
      caption: 'The ballot covered around 2,300 workers across the port’s three container terminals.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>Dockworkers at the Port of Brennamouth have voted to strike, with 78 per cent of members of the Brennamouth Dock and Harbour Workers’ Union backing a series of walkouts in a ballot that closed on Tuesday evening. Turnout was 84 per cent, comfortably above the 50 per cent threshold required under Oresland’s labour law.</p>
<p>The dispute centres on two proposals from the Brennamouth Terminal Operators’ Association: the introduction of remotely operated cranes at the Heronsgate container terminal, and a new rota that would lengthen night shifts from eight hours to ten. The union says the changes would cut around 340 jobs over three years and leave the remaining crews exhausted.</p>
<h2>A port under pressure</h2>
<p>Brennamouth handled 2.1 million containers last year, roughly 40 per cent of the country’s seaborne trade, and the operators argue they must automate to compete with larger hubs further south.</p>
<p>The Harbour Ledger, which first reported the result, quoted the union’s general secretary on the steps of its hall on Quay Street,</p>
<figure class="quote"><blockquote cite="https://example.org/harbour-ledger/strike-ballot"><p>Our members are not against machines. They are against being told the night shift is now ten hours long, and that anyone who objects can collect their severance on the way out.</p></blockquote><figcaption><cite>Josef Marrick</cite>, general secretary, Brennamouth Dock and Harbour Workers’ Union</figcaption></figure>
<p>The operators’ association said it was “disappointed but not surprised” by the result, and pointed out that its offer included a 4.5 per cent pay rise and paid retraining for every worker whose role would change.</p>
<p>In a statement released on Wednesday morning, the association’s chief executive wrote,</p>
<figure class="quote"><blockquote cite="https://example.org/btoa/statement-ballot"><p>Every month we delay modernisation, another shipping line quietly moves a service to a port that has already done it. We want to keep those ships, and the jobs that come with them, in Brennamouth.</p></blockquote><figcaption><cite>Helena Vass</cite>, chief executive, Brennamouth Terminal Operators’ Association</figcaption></figure>
<h3>What happens next</h3>
<p>Under the law the union must give ten days’ notice before any stoppage. Officials said they would announce dates by the end of the week, and that the first action was likely to be a 48-hour walkout at Heronsgate, followed by an overtime ban across all three terminals.</p>
<p>Freight forwarders are already preparing. Lena Hartwig, who runs a mid-sized logistics firm in the eastern docks, said several clients had asked to bring forward shipments of spare parts and perishable goods “while the cranes are still moving”.</p>
<ul><li>Ballot turnout: 84 per cent</li><li>Votes in favour of strike action: 78 per cent</li><li>Workers covered: about 2,300</li></ul>
<p>The Ministry of Transport said it was monitoring the dispute closely and urged both sides to use the national mediation service before any action begins.</p>`,
  },
  {
    key: 'b-port-strike-begins',
    section: 'business',
    title: 'Ships queue off Brennamouth as first dock strike in fourteen years begins',
    dek: 'A 48-hour walkout at the Heronsgate terminal left eleven container vessels at anchor and sent exporters scrambling for space at smaller ports along the coast.',
    authors: ['priya-raman'],
    tags: ['Ports', 'Shipping', 'Trade'],
    daysAgo: 5,
    hour: 7,
    thread: 'port-strike',
    updatedMinutesAfter: 120,
    image: {
      seed: 538,
      alt: 'Illustration: five container ships waiting at anchor in front of the port’s cranes and stacked containers.',
      caption: 'Eleven vessels were waiting outside the breakwater by Monday afternoon.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>The cranes at Brennamouth’s Heronsgate terminal fell silent at six o’clock on Monday morning as around 900 dockworkers began a 48-hour strike, the first stoppage at Oresland’s busiest port in fourteen years.</p>
<p>By the afternoon eleven container vessels were waiting at anchor outside the breakwater, according to the harbour master’s office, and two shipping lines had announced they would divert calls to the smaller ports of Aldwick and Tollsund.</p>
<p>The walkout follows a ballot in which <a href="{{link:b-dockworkers-vote}}">78 per cent of union members backed action</a> over plans for remotely operated cranes and longer night shifts. Talks at the national mediation service broke down on Friday after nine hours.</p>
<h2>Picket lines and diversions</h2>
<p>Several hundred workers gathered at the terminal’s north gate before dawn, handing out coffee and leaflets to lorry drivers, most of whom turned back. Police reported no arrests.</p>
<p>Eastmark Regional Broadcasting spoke to one crane operator on the picket line,</p>
<figure class="quote"><blockquote><p>I have worked nights here for nineteen years. By hour eight you are already checking every lift twice. At hour ten somebody gets hurt. That is the whole argument.</p></blockquote><figcaption><cite>Anneli Roos</cite>, crane operator, speaking to Eastmark Regional Broadcasting</figcaption></figure>
<p>Exporters said the immediate cost was manageable but warned about what comes next. The Oresland Chamber of Commerce estimated that each day of full closure at Heronsgate delays goods worth about 180 million marks.</p>
<figure class="quote"><blockquote cite="https://example.org/chamber/port-statement"><p>Two days we can absorb. What worries our members is an open-ended overtime ban in the run-up to the autumn season, when fruit, timber and machinery all compete for the same berths.</p></blockquote><figcaption><cite>Bertil Ekwall</cite>, director of trade policy, Oresland Chamber of Commerce</figcaption></figure>
<h3>Smaller ports stretched</h3>
<p>At Tollsund, a port built for about a tenth of Brennamouth’s traffic, the harbour authority said it had agreed to take two extra vessels this week and had asked retired staff to return for temporary shifts. Its single gantry crane is now running eighteen hours a day.</p>
<p>The terminal operators’ association said it remained willing to return to mediation “at any hour” but would not withdraw the crane programme, which it describes as essential to the port’s future.</p>
<p><strong>Update:</strong> On Monday evening the union confirmed that an overtime ban across all three Brennamouth terminals will begin on Thursday, once the 48-hour strike ends, and will run for at least two weeks.</p>`,
    comments: [
      {
        name: 'Ingrid Solberg',
        email: 'ingrid.solberg@example.com',
        body: 'My brother works at Tollsund and says they are running the crane from five in the morning until midnight. Nobody there planned for this.',
        minutesAfter: 45,
        replies: [
          {
            name: 'Paul Verhoek',
            email: 'paul.verhoek@example.com',
            body: 'Same at Aldwick. The lorry queue reached the roundabout on the coast road by lunchtime.',
            minutesAfter: 130,
          },
        ],
      },
      {
        name: 'Dmitri Halloran',
        email: 'd.halloran@example.com',
        body: 'Ten-hour nights operating heavy machinery sounds like a safety question, not a pay question.\nHas the labour inspectorate said anything?',
        minutesAfter: 220,
        replies: [
          {
            name: 'Greta Lund',
            email: 'greta.lund@example.com',
            body: 'The inspectorate published guidance on shift length for crane work a few years ago: https://example.com/inspectorate-guidance',
            minutesAfter: 410,
            replies: [
              {
                name: 'Dmitri Halloran',
                email: 'd.halloran@example.com',
                body: 'Thanks, that is useful. Eight hours is the recommended maximum, unless I am reading it wrong.',
                minutesAfter: 560,
              },
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'b-port-strike-talks',
    section: 'business',
    title: 'Brennamouth port deal within reach as government appoints special mediator',
    dek: 'After a second walkout and a fortnight-long overtime ban, the union and terminal operators are weighing a plan to phase in remote cranes over five years.',
    authors: ['priya-raman', 'tomas-lindqvist'],
    tags: ['Ports', 'Jobs', 'Parliament'],
    daysAgo: 1,
    hour: 18,
    thread: 'port-strike',
    updatedMinutesAfter: 95,
    body: `<p>Negotiators for Brennamouth’s dockworkers and terminal operators were locked in talks late into Tuesday night at the national mediation service in Halvenborg, after the government appointed a former supreme court judge to chair the process and both sides signalled that a deal was possible within days.</p>
<p>The dispute began with a <a href="{{link:b-dockworkers-vote}}">strike ballot earlier this month</a> and escalated when the <a href="{{link:b-port-strike-begins}}">first 48-hour walkout</a> left a queue of container ships outside the harbour. A second stoppage on Saturday and the continuing overtime ban have since cut the port’s throughput by roughly a third, according to the harbour master.</p>
<h2>The outline of a compromise</h2>
<p>According to two people familiar with the draft, who asked not to be named because the talks are confidential, the proposal on the table would:</p>
<ul><li>phase in remotely operated cranes at Heronsgate over five years rather than three;</li><li>cap night shifts at nine hours, with a mandatory rest break after the fifth;</li><li>guarantee no compulsory redundancies until the programme is complete.</li></ul>
<p>The mediator, Margit Olander, told reporters outside the mediation service building that the gap between the parties had “narrowed considerably”.</p>
<figure class="quote"><blockquote cite="https://example.org/mediation/olander-statement"><p>Both sides have moved. I will not pretend the remaining questions are small, but they are now questions about numbers rather than principles, and numbers can be negotiated.</p></blockquote><figcaption><cite>Margit Olander</cite>, special mediator appointed by the Ministry of Labour</figcaption></figure>
<h3>Pressure from parliament</h3>
<p>The dispute has become a political issue in the capital. Opposition members of the National Assembly’s transport committee have demanded a statement from the transport minister, while two government backbenchers representing Brennamouth constituencies wrote publicly to the operators urging them to drop the ten-hour shift.</p>
<p>Answering questions in the Assembly on Tuesday afternoon, the labour minister said,</p>
<figure class="quote"><blockquote><p>The government will not legislate its way out of an industrial dispute. What we can do is make sure the best mediator in the country is in the room, and that is what we have done.</p></blockquote><figcaption><cite>Rasmus Edholm</cite>, minister of labour</figcaption></figure>
<p>The union’s general secretary, Josef Marrick, said members would be balloted on any final offer and that the overtime ban would stay in place until then. Shipping lines have so far diverted 23 calls to other ports, and the Chamber of Commerce says some of that traffic may not return quickly.</p>
<p><strong>Update:</strong> Shortly before midnight both parties confirmed they had agreed a draft framework, which the union will put to its members in a ballot next week.</p>`,
    comments: [
      {
        name: 'Ingrid Solberg',
        email: 'ingrid.solberg@example.com',
        body: 'Five years instead of three seems like a sensible middle ground. I hope the members agree, because Tollsund cannot keep this up.',
        minutesAfter: 60,
        replies: [
          {
            name: 'Kasper Dahl',
            email: 'kasper.dahl@example.com',
            body: 'Members will want the no-redundancy guarantee in writing, not in a mediator’s press statement.',
            minutesAfter: 190,
          },
        ],
      },
      {
        name: 'Henrietta Moss',
        email: 'h.moss@example.com',
        body: 'Thank you for linking the earlier pieces. Much easier to follow the whole dispute here than on the evening bulletins.',
        minutesAfter: 300,
      },
    ],
  },
  {
    key: 'b-rail-freight-tender',
    section: 'business',
    title: 'State rail operator opens freight corridors to private bidders for the first time',
    dek: 'Oresland State Railways will tender six long-distance freight routes next spring, a move unions call backdoor privatisation and shippers say is long overdue.',
    authors: ['priya-raman'],
    tags: ['Rail', 'Transport', 'Trade'],
    daysAgo: 20,
    hour: 11,
    body: `<p>Oresland State Railways will invite private operators to bid for six long-distance freight corridors from next spring, ending a state monopoly on cargo trains that has lasted since the network was nationalised after the war.</p>
<p>The corridors, which include the busy timber line from the northern forests to Brennamouth and the steel route between Varby and the capital, together carried about 14 million tonnes of freight last year, roughly 55 per cent of the railway’s cargo volume.</p>
<h2>Why now</h2>
<p>The operator says it lacks the capital to replace an ageing fleet of diesel locomotives, 40 per cent of which are more than thirty years old. Private operators would be required to run electric or hybrid trains from the first year of any contract.</p>
<p>Announcing the plan at the operator’s headquarters, its chief executive said,</p>
<figure class="quote"><blockquote cite="https://example.org/osr/freight-tender"><p>We can either ask the treasury for two billion marks we know it does not have, or we can let others bring new trains onto our tracks while we keep ownership of the tracks themselves. We chose the second.</p></blockquote><figcaption><cite>Cecilia Armand</cite>, chief executive, Oresland State Railways</figcaption></figure>
<p>Track access charges paid by the winning bidders would be ring-fenced for maintenance, she added, with an independent regulator setting the rates.</p>
<h3>Unions and shippers divided</h3>
<p>The Railway Workers’ Federation, which represents about 6,000 of the operator’s staff, said it would campaign against the tender and consider industrial action if freight drivers were transferred to private employers on worse terms.</p>
<figure class="quote"><blockquote><p>Calling this a tender does not change what it is. Once the profitable lines are gone, the public railway is left with the routes nobody else wants and the bill for the tracks.</p></blockquote><figcaption><cite>Nils Ottosen</cite>, president, Railway Workers’ Federation</figcaption></figure>
<p>Large shippers welcomed the move. Grenvik Timber, which sends around 300 trainloads a year to the coast, said delays on the northern line had already pushed it to move a fifth of its volume onto lorries.</p>
<p>In an editorial on Thursday, the trade weekly Freight Review Oresland argued,</p>
<figure class="quote"><blockquote><p>Shippers have complained for a decade that wagons arrive late and locomotives break down. For many of them, the name painted on the side of the train matters much less than whether it turns up.</p></blockquote><figcaption><cite>Freight Review Oresland</cite>, editorial</figcaption></figure>
<p>The transport committee of the National Assembly is expected to hold hearings on the plan before the summer recess. Bids will open in March, with the first private services expected to run in about two years.</p>`,
  },
  {
    key: 'b-saltcell-funding',
    section: 'business',
    title: 'Battery startup Saltcell raises 60 million marks to store surplus wind power',
    dek: 'The Brennamouth company, founded by three former shipyard engineers, plans to build sodium batteries for the grid inside a disused naval dry dock.',
    authors: ['priya-raman'],
    tags: ['Startups', 'Energy', 'Jobs'],
    daysAgo: 33,
    hour: 14,
    image: {
      seed: 562,
      alt: 'Illustration: five battery cells at different levels of charge, with a lightning bolt across them, on a night-blue ground.',
      caption: 'Saltcell says its first factory will make enough cells each year to store a mid-sized wind farm’s overnight output.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>Saltcell, a three-year-old company that makes sodium-based batteries for storing electricity on the grid, has raised 60 million marks from a group of investors led by the venture firm Northlight Capital, one of the largest funding rounds for an Oresland startup this year.</p>
<p>The money will pay for a factory in the former No. 4 dry dock at Brennamouth’s old naval yard, which has stood empty for more than two decades. The company says the plant will employ around 220 people when it reaches full production within three years.</p>
<h2>Cheaper than lithium, heavier too</h2>
<p>Sodium batteries store less energy per kilogram than the lithium-ion cells used in phones and cars, which makes them poorly suited to vehicles. For a battery that sits in a shed beside a wind farm, the company argues, weight matters far less than cost and safety.</p>
<p>Saltcell’s co-founder told the Gazette at the dry dock, still littered with rusting keel blocks,</p>
<figure class="quote"><blockquote><p>Nobody cares how heavy a grid battery is. They care what it costs, how long it lasts and whether it catches fire. We think sodium wins on all three for this particular job.</p></blockquote><figcaption><cite>Elin Marsk</cite>, co-founder and chief executive, Saltcell</figcaption></figure>
<p>Saltcell says its cells cost about 30 per cent less to make than comparable lithium iron phosphate units and have passed 6,000 charge cycles in laboratory tests at the Technical University of Halvenborg. Those figures have not yet been independently verified in field conditions.</p>
<h3>A test for the wind build-out</h3>
<p>Oresland’s grid operator expects wind capacity to double by the end of the decade, and has warned that without more storage it will increasingly have to pay turbine owners to switch off on windy nights. Last winter those curtailment payments reached 112 million marks.</p>
<p>Analysts were cautiously positive. In a note to clients, one wrote,</p>
<figure class="quote"><blockquote cite="https://example.org/coastal-bank/research/storage"><p>Storage is the missing piece of the national energy plan. Whether Saltcell is the company that fills it is another matter: plenty of battery startups have produced excellent laboratory data and then struggled to manufacture at scale.</p></blockquote><figcaption><cite>Hanna Vellinge</cite>, energy analyst, Coastal Bank Research</figcaption></figure>
<p>The company’s first commercial order, a 40-megawatt-hour installation at the Skarvholm wind farm, is due for delivery next autumn. The city council has agreed a reduced lease on the dry dock in return for a commitment to hire at least half the workforce from Brennamouth, where unemployment remains above the national average.</p>`,
  },
  {
    key: 'b-inflation-bread-rents',
    section: 'business',
    title: 'Inflation eases to 3.1 per cent but bread and rents keep climbing',
    dek: 'Headline price growth fell for a fourth month in a row, yet food staples and rents rose faster than wages, according to new official figures.',
    authors: ['priya-raman'],
    tags: ['Inflation', 'Food', 'Housing'],
    daysAgo: 0,
    hour: 8,
    body: `<p>Annual inflation in Oresland slowed to 3.1 per cent last month, from 3.6 per cent the month before, the National Statistics Office said on Thursday. It was the fourth consecutive fall and the lowest reading in more than two years.</p>
<p>The decline was driven mainly by cheaper fuel, with petrol prices down 8 per cent on a year earlier, and by falling prices for clothing and electronics. But the figures also showed that the costs households notice most often are still rising quickly.</p>
<h2>What rose, what fell</h2>
<ul><li>Bread and cereals: up 6.8 per cent</li><li>Dairy and eggs: up 5.2 per cent</li><li>Private rents: up 7.4 per cent</li><li>Transport fuel: down 8.0 per cent</li><li>Clothing and footwear: down 1.9 per cent</li></ul>
<p>According to the statistics office’s monthly release,</p>
<figure class="quote"><blockquote cite="https://example.org/nso/cpi-monthly"><p>Services inflation, which includes rents, remains elevated at 4.9 per cent and accounted for more than two thirds of the annual rise in consumer prices.</p></blockquote><figcaption><cite>National Statistics Office</cite>, consumer price index release</figcaption></figure>
<p>Average wages grew by 4.2 per cent over the same period, which means most workers are slightly better off in real terms than a year ago, unless they rent or spend a large share of their income on food.</p>
<h3>Bakers squeezed</h3>
<p>In Brennamouth’s Old Town, the baker Marta Ingvaldsen said the price of a sack of flour had risen by almost a quarter since the spring, while her energy bill was only now starting to come down.</p>
<figure class="quote"><blockquote><p>I have put the price of a rye loaf up twice this year and I still make less on it than I did two years ago. Customers notice every increase, and honestly, they are right to.</p></blockquote><figcaption><cite>Marta Ingvaldsen</cite>, owner, Ingvaldsen’s Bakery</figcaption></figure>
<p>Economists said the central bank was now likely to cut interest rates at its next meeting, but warned that lower borrowing costs would do little for tenants.</p>
<figure class="quote"><blockquote><p>Headline inflation is heading back towards target, and the bank will take credit for that. But with rents rising at more than three times the target rate, a cut will not feel like relief to anyone who rents.</p></blockquote><figcaption><cite>Jonas Ferreby</cite>, chief economist, Coastal Bank</figcaption></figure>
<p>The finance ministry said the figures showed “the worst of the price shock is behind us” and pointed to a planned increase in housing benefit in next year’s budget. Tenant groups said the increase would not cover this year’s rent rises for most households in the larger cities.</p>`,
    comments: [
      {
        name: 'Tove Brandt',
        email: 'tove.brandt@example.com',
        body: 'Our rent went up 9 per cent in January. Not sure whose rent the 7.4 per cent average is based on.',
        minutesAfter: 35,
        replies: [
          {
            name: 'Luka Marren',
            email: 'luka.marren@example.com',
            body: 'The index covers existing tenancies too, and those rise more slowly than new lets. New contracts are much worse.',
            minutesAfter: 95,
          },
        ],
      },
      {
        name: 'Miriam Hale',
        email: 'miriam.hale@example.com',
        body: 'Would be good to see these numbers by region.\nPrices in the capital and on the coast are not the same story.',
        minutesAfter: 240,
      },
    ],
  },
  {
    key: 'b-hallbro-profit-slump',
    section: 'business',
    title: 'Oresland’s largest housebuilder halves profit and shelves 4,000 planned homes',
    dek: 'Hallbro Homes blamed high borrowing costs and slow planning approvals as it cut its building programme, deepening fears over the national housing shortage.',
    authors: ['priya-raman'],
    tags: ['Housing', 'Jobs', 'Inflation'],
    daysAgo: 47,
    hour: 10,
    body: `<p>Hallbro Homes, Oresland’s biggest housebuilder, reported a 52 per cent fall in annual pre-tax profit on Wednesday and said it would pause work on 4,000 homes across eleven sites, a decision that could cost several hundred construction jobs.</p>
<p>Profit fell to 310 million marks from 645 million a year earlier, on revenue down 18 per cent. The company completed 5,800 homes, against 7,200 the previous year, as buyers struggled with mortgage rates that remain close to their highest level in fifteen years.</p>
<h2>Where the cuts fall</h2>
<p>The paused sites include the second phase of the Lindengrove development on the southern edge of Halvenborg and two waterfront schemes in Brennamouth. Hallbro said it would finish homes already under construction and honour every existing sale.</p>
<p>Speaking to analysts after the results, the chief executive said,</p>
<figure class="quote"><blockquote><p>We are not building homes that we believe will sit empty. When buyers can borrow again at sensible rates, and when planning decisions arrive in months rather than years, we will start these sites the following week.</p></blockquote><figcaption><cite>Edvin Saar</cite>, chief executive, Hallbro Homes</figcaption></figure>
<aside class="pull-quote"><p>We are not building homes that we believe will sit empty.</p></aside>
<p>The company said it had waited an average of 26 months for planning approval on its last ten large applications, up from 14 months five years ago.</p>
<h3>A shortage that keeps growing</h3>
<p>The government has promised 40,000 new homes a year; last year about 27,000 were completed nationwide. Housing charities said the Hallbro decision would push the target further out of reach.</p>
<figure class="quote"><blockquote cite="https://example.org/homes-for-all/statement"><p>Every paused site is a waiting list that gets longer. The market is telling us, again, that it will not build the homes this country needs on its own.</p></blockquote><figcaption><cite>Irene Castell</cite>, director, Homes for All Oresland</figcaption></figure>
<p>The Construction Trades Union estimated that 600 to 800 site workers employed by subcontractors could lose work over the coming months. Hallbro said its own staff of about 2,400 would not be affected, though it has frozen recruitment.</p>
<p>Shares in the company rose 3 per cent by the close, as investors had braced for deeper cuts and a lower dividend. The board held the payout at last year’s level.</p>`,
  },

  // ─── Culture ─────────────────────────────────────────────────────────────
  {
    key: 'b-review-salt-accounts',
    section: 'culture',
    title: 'Review: ‘The Salt Accounts’ finds a family saga in a clerk’s ledger',
    dek: 'Ilse Varga’s second novel follows four generations of a port family through one inherited account book, and is the most absorbing fiction of the year so far.',
    authors: ['lucia-ferreira'],
    tags: ['Books', 'Ports'],
    daysAgo: 3,
    hour: 16,
    image: {
      seed: 589,
      alt: 'Illustration: an open ledger, its ruled pages filled with entries and columns of figures.',
      caption: 'Each of the novel’s four sections opens with a page of the fictional ledger.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>The account book at the centre of Ilse Varga’s <em>The Salt Accounts</em> is bound in cracked green leather and runs to 412 pages. Its first entry, in a careful clerk’s hand, records a consignment of salted herring leaving a northern harbour; its last, written almost a century later, is a shopping list. In between lies the story of the Kessler family, told almost entirely through what they bought, sold, owed and forgave.</p>
<p>It is a risky structure for a novel of nearly 500 pages, and in lesser hands it would be a gimmick. Varga, whose debut <em>Low Water</em> was a quiet success four years ago, makes it feel inevitable. Each of the book’s four sections begins with a page of the ledger reproduced in full, and the reader quickly learns to read the columns as closely as the characters do.</p>
<h2>Four generations, one book</h2>
<p>The first section belongs to Aurel Kessler, the clerk, whose meticulous entries conceal a second set of figures. His daughter Johanna inherits the ledger along with his debts; her son uses its blank pages for wartime ration tallies; and a great-granddaughter, a tax accountant in the capital, finally works out what Aurel was hiding.</p>
<p>Varga is superb on work: the smell of a counting house, the rhythm of unloading, the boredom and panic of bookkeeping. She is less sure with the present-day frame, whose dialogue too often explains what the ledger has already shown.</p>
<p>In an interview with the literary quarterly Margin, Varga described the book’s origins,</p>
<figure class="quote"><blockquote cite="https://example.org/margin/varga-interview"><p>My grandfather kept a household book until the week he died. After the funeral I sat with it for three days and realised I knew more about his marriage from the price of coffee than from anything he ever said to me.</p></blockquote><figcaption><cite>Ilse Varga</cite>, in conversation with Margin</figcaption></figure>
<h3>The verdict</h3>
<p>The novel’s great achievement is to make money, usually the dullest subject in fiction, into a language of love and shame. A scene in which Johanna pays off her father’s last creditor, coin by coin, across a kitchen table, is as tense as any thriller.</p>
<p>The judges of the Northern Prose Prize, who placed the book on their longlist last week, put it more briefly,</p>
<figure class="quote"><blockquote><p>A novel that asks what we owe each other, and then shows its workings.</p></blockquote><figcaption><cite>Northern Prose Prize</cite>, longlist citation</figcaption></figure>
<p><em>The Salt Accounts</em> by Ilse Varga is published by Lantern and Quay, 496 pages, 28 marks.</p>`,
    comments: [
      {
        name: 'Agnieszka Holm',
        email: 'a.holm@example.com',
        body: 'Read this on the train last week and missed my stop twice. The kitchen table scene is everything you say it is.',
        minutesAfter: 180,
        replies: [
          {
            name: 'Benedikt Sorel',
            email: 'b.sorel@example.com',
            body: 'Agreed about that scene. I found the modern sections a drag, though, and skimmed most of the last part.',
            minutesAfter: 400,
          },
        ],
      },
      {
        name: 'Felix Arnolt',
        email: 'felix.arnolt@example.com',
        body: 'Is there an audiobook? Our book club wants to try it.\nThanks for the review.',
        minutesAfter: 900,
      },
    ],
  },
  {
    key: 'b-review-last-night-ferry',
    section: 'culture',
    title: '‘The Last Night Ferry’ is a quiet, gripping farewell to a vanishing route',
    dek: 'Oona Lindahl’s debut feature follows a coastal ferry crew on their final crossing, blending documentary texture with a tightly wound human drama.',
    authors: ['lucia-ferreira'],
    tags: ['Film', 'Festivals', 'Shipping'],
    daysAgo: 9,
    hour: 19,
    image: {
      seed: 604,
      alt: 'Illustration: a ferry with lit windows crossing dark water under a full moon.',
      caption: 'The film unfolds in close to real time over a single ninety-minute crossing.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>For forty-one years a ferry called the <em>Marit</em> crossed the strait between Brennamouth and Skarra Island every night, carrying lorries, late-shift nurses, students heading home and the occasional runaway. In Oona Lindahl’s first feature film, she makes that crossing for the last time, and for long stretches almost nothing happens. That turns out to be the point.</p>
<p><em>The Last Night Ferry</em>, which opens nationally on Friday after winning the audience award at the Halvenborg International Film Festival, unfolds in close to real time over the voyage. A new bridge is due to open in the morning. The crew know they are being paid off; most of the passengers barely notice.</p>
<h2>A crew, not a cast</h2>
<p>Lindahl cast only four professional actors. The rest of the crew are played by people who worked on real ferries along the coast, and the difference shows in how they move: the deckhand coiling a mooring line without looking, the purser counting a cash float she has counted ten thousand times.</p>
<p>At the centre is Halvard Brenn as Captain Aksel Ruud, a man who has spent half his life on the bridge and has no idea what he will do on land. Brenn, best known for television crime dramas, gives a performance of remarkable restraint. His big scene is a radio call to the harbour master that lasts eleven seconds.</p>
<p>Speaking after the festival screening, Lindahl said,</p>
<figure class="quote"><blockquote cite="https://example.org/hiff/lindahl-qa"><p>Everyone told me a film about a ferry needed a storm or a crime. But the people I grew up with on that crossing never had a storm. They had a job that disappeared, and I wanted to film the last night of it properly.</p></blockquote><figcaption><cite>Oona Lindahl</cite>, director, at the Halvenborg International Film Festival</figcaption></figure>
<h3>Where it drifts</h3>
<p>The film is not flawless. A subplot involving a teenage stowaway feels borrowed from a more conventional script, and the score, all mournful cello, tells us how to feel a little too often. Sigrid Noor, as the ship’s cook, deserves more than the handful of scenes she gets.</p>
<p>But the cinematography by Paulo Trevisan, shot on grainy film stock and lit largely by the ship’s own fluorescent tubes, makes the <em>Marit</em> feel like a place rather than a set. The final shot, from the bow as the lights of the new bridge come into view, is among the most quietly devastating images in recent Oresland cinema.</p>
<p>The festival jury, which also gave the film a special mention, wrote,</p>
<figure class="quote"><blockquote><p>A film about work, tenderness and the small dignity of doing a job well, made with the patience its subject deserves.</p></blockquote><figcaption><cite>Halvenborg International Film Festival</cite>, jury statement</figcaption></figure>
<p><em>The Last Night Ferry</em> is rated 12 and runs 94 minutes.</p>`,
  },
  {
    key: 'b-review-small-hours',
    section: 'culture',
    title: 'The Ferrier Sisters trade arena ambition for kitchen-table songs on ‘Small Hours’',
    dek: 'The Brennamouth trio strips back to piano, accordion and three voices, and makes its most affecting record in a decade.',
    authors: ['lucia-ferreira'],
    tags: ['Music', 'Festivals'],
    daysAgo: 15,
    hour: 12,
    body: `<p>For most of the past decade the Ferrier Sisters have been getting louder. Their last two albums added drums, brass and a producer known for festival anthems, and the trio from Brennamouth filled arenas they could once only have dreamed of. On <em>Small Hours</em>, their fifth record, they have switched almost all of that off.</p>
<p>What remains is a piano, an accordion that once belonged to their grandmother, a double bass on four tracks and three voices that know each other completely. The album was recorded over nine days in the sisters’ childhood home, and if you listen closely you can occasionally hear a kettle.</p>
<h2>Songs about staying</h2>
<p>The songs are about staying put: in a town, in a marriage, in a job that pays badly but matters. “Pilot Boat”, the opener, is sung from the point of view of a harbour pilot who has guided thousands of ships into port and never once left on one. “Rent Day” turns a landlord’s letter into a waltz, which is both funnier and sadder than it sounds.</p>
<p>The standout is “Dagny’s Hands”, written by the eldest sister, Agnes, about the youngest’s long recovery from a stroke two years ago. It is almost unbearably intimate, and it earns that intimacy by refusing to reach for a big chorus. Rut Ferrier’s harmony on the final verse is the best thing the band has recorded.</p>
<h3>Highlights</h3>
<ol><li><strong>Pilot Boat</strong>: a gentle opener built on a two-chord accordion drone.</li><li><strong>Rent Day</strong>: a waltz containing the year’s best lyric about a broken boiler.</li><li><strong>Dagny’s Hands</strong>: three voices, one piano, no escape.</li><li><strong>Last Tram to Quay Street</strong>: the only uptempo moment, and a welcome one.</li></ol>
<p>Not every experiment lands. The instrumental interludes between songs, recorded on a dictaphone, break the spell more than they deepen it, and at 52 minutes the record could lose two tracks without harm. “Winter Lets” in particular retreads ground that “Rent Day” covers better.</p>
<p>Still, this is the Ferrier Sisters’ most complete album since their debut, and the one most likely to be played in twenty years. It is also a reminder that a band can become more ambitious by doing less.</p>
<p>The trio begin a tour of small halls and churches next month, with tickets capped at 25 marks, a choice that suits the music perfectly. The run ends with a homecoming set at the Brennamouth Lantern Festival, where they first played as teenagers on the back of a borrowed fishing boat.</p>
<p><em>Small Hours</em> is out now on Quayside Records.</p>`,
  },
  {
    key: 'b-review-net-loft',
    section: 'culture',
    title: 'At Net Loft, an old fish auction hall serves the quay’s best lunch',
    dek: 'Chef Teodor Vaag’s forty-seat restaurant in Brennamouth keeps its menu short, its prices modest and its fish straight off the boats he watched as a boy.',
    authors: ['lucia-ferreira'],
    tags: ['Food', 'Ports'],
    daysAgo: 26,
    hour: 13,
    body: `<p>Until six years ago, the long brick hall on Brennamouth’s North Quay was where the city’s fishing boats sold their catch at dawn, auctioneers shouting prices over the roar of ice machines. The auction has since moved to a modern shed by the ring road, and the old hall has become Net Loft, a forty-seat restaurant that may be the best argument yet for what the quay could become.</p>
<p>The chef and owner, Teodor Vaag, cooked for a decade in the capital before returning home. His menu is short, changes daily and is written on a chalkboard that once listed fish prices. On my two visits it ran to four starters, three mains and two puddings.</p>
<h2>What to order</h2>
<p>Start with the smoked mackerel on dark rye with pickled cucumber and horseradish cream: simple, precise and 9 marks. A bowl of mussels cooked in cider with leeks, with a heap of crisp potatoes on the side, would feed two people modestly or one person very well.</p>
<p>The fish of the day, a thick piece of hake on my first visit, roasted and served with brown butter, capers and new potatoes, shows off Vaag’s restraint. Nothing on the plate is there for decoration. The one meat main, braised pork shoulder with apples and red cabbage, is richer and just as good. Finish with the burnt honey custard.</p>
<p>When I asked Vaag why the menu was so short, he was blunt,</p>
<figure class="quote"><blockquote><p>If I print a long menu, half of it is frozen. I buy from the boats I used to watch come in as a boy, and I cook what they land. Some days that is three fish. Some days it is one.</p></blockquote><figcaption><cite>Teodor Vaag</cite>, chef and owner, Net Loft</figcaption></figure>
<h3>The room and the bill</h3>
<p>The room keeps the hall’s iron columns and tiled floor, and the kitchen is open to view through a wide arch where the auctioneer’s podium once stood. It is loud at lunch and the benches are hard, but service is warm and quick.</p>
<p>Lunch for two with a glass of wine each came to 64 marks including service, which is remarkable for cooking of this quality. Dinner, served Thursday to Saturday only, is a little more expensive. Book ahead for weekends.</p>
<ul><li><strong>Net Loft</strong>, North Quay 14, Brennamouth</li><li>Lunch Tuesday to Saturday; dinner Thursday to Saturday</li><li>Starters 8–12 marks, mains 18–26 marks</li></ul>`,
    comments: [
      {
        name: 'Hedda Kronborg',
        email: 'hedda.kronborg@example.com',
        body: 'Went on Saturday after reading this and the mussels are every bit as good as promised. They post the day’s chalkboard at https://example.com/menu if you want to check before going.',
        minutesAfter: 1440,
        replies: [
          {
            name: 'Net Loft',
            email: 'netloft@example.com',
            body: 'Thank you for coming in! We are adding a second lunch sitting on Saturdays from next month.',
            minutesAfter: 1700,
          },
        ],
      },
      {
        name: 'Oskar Pell',
        email: 'oskar.pell@example.com',
        body: '“The benches are hard” is an understatement.\nBring a cushion, seriously. The hake is worth it though.',
        minutesAfter: 2100,
      },
    ],
  },
  {
    key: 'b-lantern-festival',
    section: 'culture',
    title: 'Brennamouth’s lantern festival returns bigger, and asks who it is for',
    dek: 'Record crowds filled the harbour for the three-night event, but a ticketed enclosure and a new corporate sponsor have divided the residents who built it.',
    authors: ['lucia-ferreira'],
    tags: ['Festivals', 'Music', 'Local Government'],
    daysAgo: 40,
    hour: 20,
    image: {
      seed: 631,
      alt: 'Illustration: hundreds of glowing lanterns rising over the harbour at night, above a dark line of rooftops.',
      caption: 'More than four thousand lanterns were launched from the harbour on the final night.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>On the last night of the Brennamouth Lantern Festival, some 38,000 people packed the harbour walls to watch more than four thousand paper lanterns drift out on the ebb tide. It was, by the organisers’ count, the largest crowd in the event’s twenty-two-year history, and almost everyone I spoke to agreed it had been beautiful. Far fewer agreed on whether it was still theirs.</p>
<p>The festival began in a single street in the Old Town, when a group of neighbours hung lanterns outside their doors to mark the end of the herring season. For most of its life it was free, run by volunteers and funded by a bake sale and a small council grant.</p>
<h2>A new sponsor, a new price</h2>
<p>This year, for the first time, the three-night programme was backed by a headline sponsor, the ferry company Strait Lines, and a ticketed enclosure on the Customs House lawn offered views of the main launch for 35 marks a head. The harbour walls remained free, but the best spots were full by mid-afternoon.</p>
<p>The festival’s director defended the changes,</p>
<figure class="quote"><blockquote cite="https://example.org/lantern-festival/director-note"><p>Without the sponsor there would have been no festival this year. Our insurance costs have quadrupled, the council grant has been cut twice, and volunteers cannot be asked to marshal thirty thousand people for nothing.</p></blockquote><figcaption><cite>Clara Eskildsen</cite>, director, Brennamouth Lantern Festival</figcaption></figure>
<p>On the Rope Walk, where the first lanterns were hung, one of the original organisers was more ambivalent,</p>
<figure class="quote"><blockquote><p>I am glad it survived. I am less glad that my granddaughter had to watch the launch through a fence.</p></blockquote><figcaption><cite>Henrik Aas</cite>, founding volunteer</figcaption></figure>
<aside class="pull-quote"><p>I am less glad that my granddaughter had to watch the launch through a fence.</p></aside>
<h3>The music, and the council</h3>
<p>The programme itself was the strongest in years. The Ferrier Sisters played an unannounced set from a fishing boat moored off the lifeboat station, and a 200-voice community choir closed the final night with a new setting of old harbour work songs.</p>
<p>The city council is due to review its festival funding next month. The chair of its culture committee said he wanted to restore the grant in full, on one condition,</p>
<figure class="quote"><blockquote><p>This festival was built by residents. If public money is going in, the best view in the harbour should be free.</p></blockquote><figcaption><cite>Yusuf Brandvold</cite>, chair of the culture committee, Brennamouth City Council</figcaption></figure>`,
    comments: [
      {
        name: 'Leni Borch',
        email: 'leni.borch@example.com',
        body: 'We watched from the harbour wall and it was magical. But 35 marks to stand on a lawn that is normally public is wrong.',
        minutesAfter: 300,
        replies: [
          {
            name: 'Arvid Tenn',
            email: 'arvid.tenn@example.com',
            body: 'Public lawn, private event, same as every city now. At least the wall stayed free.',
            minutesAfter: 520,
          },
        ],
      },
    ],
  },
  {
    key: 'b-museum-of-the-sea',
    section: 'culture',
    title: 'Maritime museum reopens with a glass hall built over the old slipway',
    dek: 'After four years and 190 million marks, Brennamouth’s Museum of the Sea returns with a bold new wing, a rethought collection and free Sundays.',
    authors: ['lucia-ferreira'],
    tags: ['Museums', 'Architecture', 'Ports'],
    daysAgo: 55,
    hour: 11,
    image: {
      seed: 657,
      alt: 'Illustration: curved timber ribs in red and ochre rising over a glass hall by the water.',
      caption: 'The new hall’s timber ribs echo the frames of a wooden hull.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>Brennamouth’s Museum of the Sea reopened on Saturday after a four-year, 190-million-mark renovation that has turned a dusty nineteenth-century customs warehouse into one of the most striking public buildings on the coast.</p>
<p>The centrepiece is a new glass hall, designed by the Halvenborg practice Straand Architects, that sits over the museum’s old slipway. Its roof is held up by laminated timber ribs shaped like the frames of a wooden hull, and at high tide the sea runs beneath the floor, visible through panels of thick glass.</p>
<h2>Rethinking the collection</h2>
<p>Inside, the curators have done more than rehang the old displays. The museum’s famous ship models, previously crammed into cases by the hundred, have been thinned to forty, each now accompanied by the story of someone who built, sailed or was carried by the original vessel.</p>
<p>A new gallery, The Other Side of the Quay, deals with the port’s role in emigration, wartime rationing and the dockworkers’ movement, drawing on more than 300 hours of oral history recorded with former port workers and their families.</p>
<p>The museum’s director said at the opening,</p>
<figure class="quote"><blockquote cite="https://example.org/museum-of-the-sea/reopening"><p>For a century this museum told the story of ships. We wanted to tell the story of the people who loaded them, waited for them and sometimes never saw them come home.</p></blockquote><figcaption><cite>Dr Annika Rosendal</cite>, director, Museum of the Sea</figcaption></figure>
<h3>The building</h3>
<p>The architects kept the warehouse’s brick shell and heavy timber floors, removing a 1970s extension that had blocked views of the water. The lead architect described the challenge of building over a working tidal channel,</p>
<figure class="quote"><blockquote><p>Every structural decision had to account for salt, water and movement twice a day. In the end we stopped fighting the tide and designed the hall to frame it.</p></blockquote><figcaption><cite>Jonas Straand</cite>, founding partner, Straand Architects</figcaption></figure>
<p>The result is not perfect. Some of the upper galleries are cramped, and the café, squeezed awkwardly between the two buildings, feels like an afterthought. But the main hall, filled with grey northern light and the sound of water, is a genuine civic space, the kind of room a city can be proud to lend to its children on a wet afternoon.</p>
<p>The renovation was paid for by the national heritage fund, the city council and a 40-million-mark public appeal. Entry is 15 marks, with free admission on Sundays and for under-18s at all times. About 9,000 visitors came through the doors on the opening weekend.</p>`,
  },
  {
    key: 'b-roxholm-cinema-closure',
    section: 'culture',
    title: 'The Roxholm, the capital’s last single-screen cinema, to close as rent triples',
    dek: 'The 1930s picture house on Halvenborg’s Mill Street will screen its final film next month unless the council steps in, its owners said on Monday.',
    authors: ['lucia-ferreira'],
    tags: ['Film', 'Architecture', 'Local Government'],
    daysAgo: 0,
    hour: 15,
    body: `<p>The Roxholm, a 1930s picture house on Halvenborg’s Mill Street and the last single-screen cinema in the capital, will close at the end of next month after its landlord more than tripled the rent, the cinema’s owners said on Monday.</p>
<p>The annual rent will rise from 84,000 marks to 260,000 marks when the current lease expires, according to a letter seen by the Gazette. The owners, siblings Vera and Emil Nordahl, who took over the cinema from their parents almost twenty years ago, said the figure was “simply not a number a 420-seat cinema can pay”.</p>
<h2>A room with history</h2>
<p>The Roxholm opened with a musical and has barely changed since. Its curved balcony, sunburst ceiling and green velvet curtain are listed in the city’s register of interiors of special interest, which protects them from alteration but does not require the building to remain a cinema.</p>
<p>In recent years it has built a loyal audience for repertory screenings, silent films with live piano and a Sunday-morning children’s club. It sold about 61,000 tickets last year, more than in any year since the 1990s.</p>
<p>In a statement posted on the cinema’s website, Vera Nordahl wrote,</p>
<figure class="quote"><blockquote cite="https://example.org/roxholm/statement"><p>We have been here for every premiere, every power cut and every snowstorm. We would rather have more time to find a way through, but we will not sign a lease we know would bankrupt us within a year.</p></blockquote><figcaption><cite>Vera Nordahl</cite>, co-owner, the Roxholm</figcaption></figure>
<h3>Calls for the council to step in</h3>
<p>The building’s owner, the property company Millgate Estates, said the new rent reflected market rates on a street where shop and office values have risen sharply, and that it had “made every effort” to reach an agreement.</p>
<p>A petition to keep the cinema open had gathered more than 14,000 signatures by Monday afternoon. Several councillors have proposed that the city buy or lease the building and run it as a community venue, as it has already done with two former branch libraries.</p>
<figure class="quote"><blockquote><p>We protected the curtain and the ceiling and forgot to protect the thing they were for. If we lose the Roxholm, we will never get another one.</p></blockquote><figcaption><cite>Paula Ingerslev</cite>, councillor, Halvenborg City Council</figcaption></figure>
<p>The Roxholm’s final scheduled screening is a restored print of the silent comedy that opened its very first season, accompanied, as it was then, by a live pianist.</p>`,
    comments: [
      {
        name: 'Jakob Ferm',
        email: 'jakob.ferm@example.com',
        body: 'Saw my first film there at six and took my own kids last winter. Signed the petition: https://example.com/save-the-roxholm',
        minutesAfter: 50,
        replies: [
          {
            name: 'Maja Holt',
            email: 'maja.holt@example.com',
            body: 'Same here. The Sunday children’s club is the only thing my son will get up early for.',
            minutesAfter: 140,
          },
        ],
      },
      {
        name: 'Tobias Renn',
        email: 'tobias.renn@example.com',
        body: 'Tripling the rent on a listed cinema that cannot legally be gutted sounds like a bluff.\nThe council should call it.',
        minutesAfter: 300,
      },
    ],
  },

  // ─── World ───────────────────────────────────────────────────────────────
  {
    key: 'b-dunmere-reception-centre',
    section: 'world',
    title: 'Border town’s reception centre strains as arrivals from Vaskar triple',
    dek: 'In Dunmere, a sports hall fitted out for 300 people now shelters more than 900 who fled fighting across the river, and doctors warn of outbreaks as winter nears.',
    authors: ['mara-okafor'],
    tags: ['Refugees', 'Public Health'],
    daysAgo: 7,
    hour: 10,
    updatedMinutesAfter: 240,
    image: {
      seed: 688,
      alt: 'Illustration: rows of camp beds laid out across the floor of a sports hall under its roof lights.',
      caption: 'The Dunmere sports hall was designed to shelter 300 people.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>The sports hall on the edge of Dunmere was fitted out last spring as a reception centre for 300 people. On Tuesday morning, according to the regional authorities, it was sheltering 940, with camp beds lining the corridors and families sleeping in the changing rooms.</p>
<p>Arrivals across the Teller river from neighbouring Vaskar have tripled in six weeks, since fighting between government forces and a separatist militia spread to the farming districts on the far bank. The Kestovan interior ministry says 11,200 people have crossed at Dunmere since the start of the month, most of them women, children and older men.</p>
<h2>“We are running out of everything”</h2>
<p>Volunteers from the town run a kitchen in the school next door, serving about 2,800 meals a day. The centre has four showers for every hundred people and a single clinic staffed by two doctors and three nurses.</p>
<p>The Field Clinic Network, a medical charity working inside the centre, warned of the risk of disease as temperatures drop,</p>
<figure class="quote"><blockquote cite="https://example.org/field-clinic-network/dunmere"><p>We are already seeing respiratory infections and diarrhoea in young children. With this level of crowding and no proper heating, it is a question of when, not if, we see an outbreak.</p></blockquote><figcaption><cite>Dr Leontine Sabo</cite>, medical coordinator, Field Clinic Network</figcaption></figure>
<p>Many of those arriving say they left with only what they could carry. Rahel Tavon, 34, crossed the river at night with her two sons after shelling hit her village.</p>
<figure class="quote"><blockquote><p>We walked for eleven hours. My youngest lost a shoe in the mud and walked the last part barefoot. The people here have been kind, but there is no space even to sit down.</p></blockquote><figcaption><cite>Rahel Tavon</cite>, who fled the district of Oskava in Vaskar</figcaption></figure>
<h3>Tents now, buildings later</h3>
<p>The Kestovan government announced on Monday that it would open a second site in a disused army barracks twenty kilometres from the border, with space for 1,500 people, and would ask neighbouring states for help with funding. Aid groups say the barracks will not be ready for at least a month.</p>
<p>The mayor of Dunmere, a town of 16,000, said residents had responded generously but could not carry the burden alone,</p>
<figure class="quote"><blockquote><p>Our town has opened its homes and its school. What we need now is for the capital to treat this as the national emergency it is.</p></blockquote><figcaption><cite>Ilija Voskan</cite>, mayor of Dunmere</figcaption></figure>
<p><strong>Update:</strong> The interior ministry said on Tuesday afternoon that 400 people would be moved by bus to temporary accommodation in the regional capital overnight, easing pressure on the sports hall.</p>`,
    comments: [
      {
        name: 'Gideon Farr',
        email: 'gideon.farr@example.com',
        body: 'Is there a way to donate directly to the volunteers running the kitchen? The big charities can take weeks to get anything on the ground.',
        minutesAfter: 120,
        replies: [
          {
            name: 'Leila Amrani',
            email: 'leila.amrani@example.com',
            body: 'The Dunmere parish runs a fund for the kitchen, details at https://example.com/dunmere-kitchen. I gave last week and had a receipt within a day.',
            minutesAfter: 300,
          },
        ],
      },
      {
        name: 'Petra Vos',
        email: 'petra.vos@example.com',
        body: 'Four showers per hundred people. Hard to read that number and not think about what February will look like.',
        minutesAfter: 1300,
      },
    ],
  },
  {
    key: 'b-verna-river-treaty',
    section: 'world',
    title: 'Upstream dam puts sixty-year Verna river treaty between Dravonia and Ostrel at risk',
    dek: 'As Dravonia prepares to fill a giant hydroelectric reservoir, downstream Ostrel fears for its wheat harvest and demands a say over how much water flows.',
    authors: ['mara-okafor', 'daniel-achterberg'],
    tags: ['Energy', 'Climate Policy', 'Trade'],
    daysAgo: 18,
    hour: 9,
    image: {
      seed: 712,
      alt: 'Locator map: the Verna runs from Dravonia’s mountains across the border, marked in red, through Ostrel to the coast.',
      caption: 'The Verna flows 740 kilometres from Dravonia’s mountains to Ostrel’s coast.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>A hydroelectric dam rising in the highlands of Dravonia has pushed a sixty-year-old water-sharing treaty with downstream Ostrel to the brink, as both governments prepare for talks next week that diplomats describe as the most serious test of the agreement since it was signed.</p>
<p>The Verna river rises in Dravonia’s western mountains and flows 740 kilometres through Ostrel to the sea. Under the Verna Treaty, Dravonia guarantees a minimum flow at the border of 210 cubic metres per second during the summer irrigation season, in return for Ostrel’s recognition of Dravonian shipping rights at the river mouth.</p>
<h2>The Kaldera Dam</h2>
<p>The new Kaldera Dam, due to begin filling its reservoir next spring, will generate about 1,400 megawatts, enough to replace most of Dravonia’s coal-fired power stations. Dravonia’s energy ministry says the reservoir will be filled gradually over four years and that treaty flows will be respected throughout.</p>
<p>Ostrel is not convinced. Farmers in the lower Verna valley grow about a third of the country’s wheat, and last summer’s drought already pushed flows at the border below the treaty minimum for nineteen days.</p>
<p>Ostrel’s foreign minister told the national broadcaster,</p>
<figure class="quote"><blockquote cite="https://example.org/ostrel-broadcasting/interview"><p>We do not object to our neighbours building clean power. We object to learning the filling schedule from satellite images instead of from the government that signed a treaty with us.</p></blockquote><figcaption><cite>Teodora Vlasek</cite>, foreign minister of Ostrel</figcaption></figure>
<h3>A changing river</h3>
<p>Hydrologists say the dispute is sharpened by a warming climate. Snowpack in the Verna’s headwaters has declined by about 20 per cent since the treaty was signed, according to the Regional Water Institute, while summer evaporation along the lower valley has increased.</p>
<figure class="quote"><blockquote><p>The treaty was written for a river that no longer exists. Its minimum flow assumes a snowmelt that, in dry years, simply does not arrive, whatever any dam does.</p></blockquote><figcaption><cite>Dr Pavel Rusnak</cite>, hydrologist, Regional Water Institute</figcaption></figure>
<p>Dravonian officials argue that Kaldera could actually help in drought years by storing winter rain and releasing it in summer, but only if both sides agree a joint operating plan, something the original treaty never envisaged.</p>
<p>Talks open on Tuesday in the neutral city of Marrenburg. Diplomats on both sides said a joint monitoring commission, sharing real-time data from gauging stations along the river, was the most likely outcome.</p>
<figure class="quote"><blockquote><p>We are ready to open every sluice gate to inspection. Kaldera is a national project, but the Verna is a shared river and we have never forgotten that.</p></blockquote><figcaption><cite>Oren Halask</cite>, minister of energy, Dravonia</figcaption></figure>`,
  },
  {
    key: 'b-caradine-runoff',
    section: 'world',
    title: 'Caradine Islands head to presidential runoff after a campaign fought over fish',
    dek: 'A former fisheries inspector topped the first round against the incumbent president, turning a deal over foreign trawling licences into the defining issue.',
    authors: ['mara-okafor'],
    tags: ['Elections', 'Trade'],
    daysAgo: 29,
    hour: 22,
    body: `<p>Voters in the Caradine Islands will return to the polls in a fortnight for a presidential runoff between the incumbent, Aurelio Mendaro, and Nadia Corvan, a former fisheries inspector whose campaign against foreign trawling licences upended a race most analysts expected him to win outright.</p>
<p>With all 212 polling stations counted, the electoral commission put Corvan on 44.2 per cent and Mendaro on 39.8 per cent, with the remaining 16 per cent split among four other candidates. Turnout was 71 per cent, the highest in the archipelago since independence.</p>
<h2>A campaign about fish</h2>
<p>The Caradines, a chain of nineteen inhabited islands with a population of about 240,000, earn more than half their export income from fishing. Two years ago Mendaro’s government signed an agreement granting licences to a fleet of distant-water trawlers in exchange for a port modernisation package worth about 85 million Caradine crowns.</p>
<p>Local fishing cooperatives say catches of tuna and snapper in inshore waters have fallen by a quarter since then. The government disputes the figure, citing its own survey showing only a modest decline.</p>
<p>Speaking to supporters on the harbour front in the capital, Port Seraphine, on Sunday night, Corvan said,</p>
<figure class="quote"><blockquote><p>They sold our sea to pay for a new quay, and then told the people who fish it to be grateful for the concrete. In the second round we finish the job.</p></blockquote><figcaption><cite>Nadia Corvan</cite>, presidential candidate, Island Future movement</figcaption></figure>
<p>Mendaro, who has led the islands for eight years, argued that the port upgrades had created more than 1,000 jobs and would attract cargo and cruise traffic for decades.</p>
<figure class="quote"><blockquote cite="https://example.org/caradine-courier/mendaro-interview"><p>You cannot run a modern country on the catch of a few hundred small boats. The agreement pays for the future, and I will make that case on every island before the second round.</p></blockquote><figcaption><cite>Aurelio Mendaro</cite>, president, interviewed by the Caradine Courier</figcaption></figure>
<h3>The kingmaker</h3>
<p>Attention now turns to the third-placed candidate, the tourism minister Raffaela Ibbot, who won 9.1 per cent and has not endorsed either rival. Her voters are concentrated on two outer islands that depend on a new ferry terminal built under the trawling agreement.</p>
<p>The regional observer mission said the first round had been “orderly and competitive”, though it noted long queues on the largest island and the late delivery of ballots to three remote communities.</p>
<figure class="quote"><blockquote><p>Voting took place freely across the archipelago. We urge the authorities to fix the logistical problems we identified before the runoff, particularly on the outer islands.</p></blockquote><figcaption><cite>Helga Marchetti</cite>, head of the Regional Electoral Observation Mission</figcaption></figure>`,
  },

  // ─── Politics ────────────────────────────────────────────────────────────
  {
    key: 'b-budget-rail-fare-freeze',
    section: 'politics',
    title: 'Budget freezes rail fares for two years as coalition partners clash over cost',
    dek: 'The finance minister’s plan raises housing benefit and borrowing, but the junior coalition partner says it will not vote for it unless bus fares are frozen too.',
    authors: ['tomas-lindqvist', 'priya-raman'],
    tags: ['Budget', 'Parliament', 'Rail'],
    daysAgo: 2,
    hour: 17,
    image: {
      seed: 745,
      alt: 'Chart: the budget’s new spending, 1,100 million marks for hospital waiting lists and 380 million, in red, for the rail fare freeze.',
      caption: 'The fare freeze is expected to cost the treasury about 380 million marks a year.',
      credit: 'Graphic: Gazette Studio',
    },
    body: `<p>Oresland’s finance minister, Agnes Tervald, on Wednesday presented a budget that freezes regional and intercity rail fares for two years and raises housing benefit by 6 per cent, but which exposed a rift within the governing coalition over how much extra borrowing the country can afford.</p>
<p>The budget increases net borrowing by 4.2 billion marks next year, taking the deficit to 2.9 per cent of national output, just under the 3 per cent ceiling written into the country’s fiscal rules.</p>
<h2>The main measures</h2>
<ul><li>A two-year freeze on regulated rail fares, costing about 380 million marks a year in compensation to Oresland State Railways</li><li>A 6 per cent rise in housing benefit from January</li><li>An extra 1.1 billion marks to reduce hospital waiting lists</li><li>A new 2 per cent levy on bank profits above 500 million marks</li></ul>
<p>Presenting the budget to the National Assembly, Tervald said,</p>
<figure class="quote"><blockquote><p>Inflation is falling, but families have not forgotten the last two years. This budget puts money where the squeeze has been tightest: in the rent, in the weekly commute and in the queue for an operation.</p></blockquote><figcaption><cite>Agnes Tervald</cite>, minister of finance</figcaption></figure>
<h3>Cracks in the coalition</h3>
<p>Within hours, the leader of the junior coalition partner, the Rural Alliance, said her party would not back the budget in its current form unless the freeze was extended to regional bus services, which carry far more passengers in the countryside.</p>
<figure class="quote"><blockquote cite="https://example.org/rural-alliance/budget-response"><p>A fare freeze for people who live near a station is a fine thing. But most of our voters have never seen a train from their kitchen window. They take the bus, and this budget forgets them.</p></blockquote><figcaption><cite>Solveig Harrand</cite>, leader, Rural Alliance</figcaption></figure>
<p>The government holds 94 of the Assembly’s 179 seats, 17 of which belong to the Rural Alliance, so it cannot pass the budget without them or support from the opposition benches.</p>
<p>The main opposition party accused ministers of buying popularity with borrowed money. Its finance spokesperson, Erik Vallander, said the bank levy would “end up being paid by every customer with a mortgage”.</p>
<p>Oresland State Railways welcomed the freeze but said it needed guarantees that compensation would keep pace with its costs. Passenger numbers on intercity routes have risen 11 per cent this year, partly because commuters have been avoiding high fuel prices.</p>
<p>The Assembly’s budget committee begins hearings next week, with a final vote expected within a month.</p>`,
    comments: [
      {
        name: 'Ines Warberg',
        email: 'ines.warberg@example.com',
        body: 'I commute from Varby every day. A two-year freeze is worth about 600 marks to me, so I will take it.',
        minutesAfter: 70,
        replies: [
          {
            name: 'Carl Brody',
            email: 'carl.brody@example.com',
            body: 'And in two years the fares jump 15 per cent in one go. Freezes always end that way.',
            minutesAfter: 160,
            replies: [
              {
                name: 'Ines Warberg',
                email: 'ines.warberg@example.com',
                body: 'Maybe, but a jump I can see coming is easier to plan for than a surprise every January.',
                minutesAfter: 240,
              },
            ],
          },
        ],
      },
      {
        name: 'Hugo Lenz',
        email: 'hugo.lenz@example.com',
        body: 'Borrowing rises by 4.2 billion. What share of that is the fare freeze, and what share is the hospital money?',
        minutesAfter: 500,
      },
    ],
  },
  {
    key: 'b-eastgate-council-homes',
    section: 'politics',
    title: 'Halvenborg council approves 3,000 public homes on former tram depot site',
    dek: 'The Eastgate scheme, the capital’s largest council housing project in four decades, passed by 41 votes to 22 after a heated late-night debate.',
    authors: ['tomas-lindqvist'],
    tags: ['Housing', 'Local Government'],
    daysAgo: 36,
    hour: 19,
    body: `<p>Halvenborg City Council voted late on Thursday to build 3,000 publicly owned homes on the site of the former Eastgate tram depot, the largest council housing scheme in the capital for more than forty years.</p>
<p>The plan passed by 41 votes to 22 after a four-hour debate, with the governing bloc supported by two independent councillors. It still requires approval from the national planning inspectorate, which is expected to rule early next year.</p>
<h2>What will be built</h2>
<p>The 19-hectare site, vacant since the tram fleet moved to a new depot in the north of the city, would be developed in five phases over twelve years. Under the approved plan:</p>
<ul><li>half the homes would be let at social rents, set at about 55 per cent of market levels;</li><li>a third would be let at “cost rent”, covering construction and maintenance only;</li><li>the remainder would be sold at a discount to teachers, nurses and other key workers.</li></ul>
<p>The council will borrow most of the estimated 1.1 billion marks through municipal bonds and a long-term loan from the State Housing Bank. Rents are projected to repay the debt over forty years.</p>
<p>Opening the debate, the deputy mayor responsible for housing said,</p>
<figure class="quote"><blockquote cite="https://example.org/halvenborg-council/eastgate-debate"><p>For a generation this city waited for the market to build homes ordinary people could afford. The waiting list now has 22,000 names on it. We have stopped waiting.</p></blockquote><figcaption><cite>Marianne Oduya</cite>, deputy mayor for housing, Halvenborg City Council</figcaption></figure>
<h3>Opposition and neighbours</h3>
<p>Opposition councillors argued that the council was taking on too much risk, and that the density, with buildings of up to eight storeys along the main road, would overwhelm local schools and clinics.</p>
<figure class="quote"><blockquote><p>Nobody in this chamber is against homes. We are against a billion marks of debt signed off on a Thursday night with a plan for the schools that fits on one page.</p></blockquote><figcaption><cite>Gustav Hellner</cite>, leader of the opposition group, Halvenborg City Council</figcaption></figure>
<p>The Eastgate Residents’ Association, which had campaigned for part of the site to become a park, said it was pleased the plan now includes two hectares of green space but would keep pushing for lower buildings next to existing streets.</p>
<p>The Halvenborg Tenants’ Union welcomed the vote. Its chair, Idris Fallon, said the cost-rent homes could become “a model for the whole country” if they were delivered on time and on budget.</p>
<p>Construction of the first phase, about 600 homes, could begin within two years if the inspectorate approves the plan.</p>`,
  },

  // ─── Opinion ─────────────────────────────────────────────────────────────
  {
    key: 'b-opinion-buses-not-bridges',
    section: 'opinion',
    title: 'This city doesn’t need another bridge. It needs buses that turn up',
    dek: 'The proposed Eastgate Crossing would cost 640 million marks to save commuters four minutes; the same money could transform every bus route in Halvenborg.',
    authors: ['samuel-osei'],
    tags: ['Transport', 'Local Government', 'Budget'],
    daysAgo: 11,
    hour: 7,
    body: `<p>Every few years a politician in this city stands on the riverbank, points at the water and promises a bridge. The latest version, the proposed Eastgate Crossing, would cost 640 million marks, take seven years to build and, according to the council’s own transport model, save the average commuter who uses it about four minutes a day.</p>
<p>I understand the appeal. I sat on the transport committee for six years, and I once voted for a bridge myself. Bridges are visible. They have opening ceremonies. Your name can go on a plaque.</p>
<p>Buses have none of that. They are the least glamorous thing a city does, and for most people who do not own a car they are the only thing that matters.</p>
<h2>What the money could buy</h2>
<p>Using the council’s published figures for vehicle and driver costs, 640 million marks would pay for roughly 120 extra buses and their crews for fifteen years. That is enough to run every one of the city’s 22 core routes at least every ten minutes, from six in the morning until midnight, seven days a week.</p>
<p>Today only four routes meet that standard. On the rest, a missed bus means a twenty- or thirty-minute wait, and anyone who has stood at a stop on Mill Road in February knows exactly how long that feels.</p>
<aside class="pull-quote"><p>Nobody has ever cut a ribbon for a bus that turns up every ten minutes. That is exactly why we should pay for one.</p></aside>
<h3>The bridge argument, fairly put</h3>
<p>Supporters of the crossing make some fair points. It would give ambulances a faster route to the eastern hospital and take lorries off residential streets. Those are real problems. But they can be solved more cheaply: a dedicated emergency lane on the existing Harbour Bridge, and the freight-routing plan the council has been promising since I was first elected.</p>
<p>The deeper problem is that big projects crowd out small ones. Once 640 million marks is committed, every year of overruns comes out of the same transport budget that runs the buses. Cities that build grand crossings often end up cutting the services that would have carried people to them.</p>
<h3>One more table, please</h3>
<p>The council votes on the crossing next month. Before it does, councillors should ask officers for one more table: how many residents live within ten minutes’ walk of a frequent bus today, and how many would under each option. I suspect the answer will be awkward for the bridge.</p>
<p>A city is not made great by its landmarks. It is made livable by the boring things that work every day. Let us fund those first.</p>`,
    comments: [
      {
        name: 'Greta Lund',
        email: 'greta.lund@example.com',
        body: 'Route 14 is timetabled every 12 minutes and I have waited 35 twice this week.\nFrequency on paper is not frequency on the street.',
        minutesAfter: 90,
        replies: [
          {
            name: 'Rolf Aune',
            email: 'rolf.aune@example.com',
            body: 'Exactly. Bus lanes first, then the frequency actually means something.',
            minutesAfter: 200,
          },
        ],
      },
      {
        name: 'Bernt Kahle',
        email: 'bernt.kahle@example.com',
        body: 'Counterpoint: the bridge also carries freight and emergency vehicles. An emergency lane on the Harbour Bridge only works if the traffic around it moves.',
        minutesAfter: 720,
      },
      {
        name: 'Noor Haddad',
        email: 'noor.haddad@example.com',
        body: 'The council’s transport model is public if anyone wants to check the four-minute figure: https://example.com/eastgate-model',
        minutesAfter: 1850,
      },
    ],
  },
  {
    key: 'b-opinion-climate-costs',
    section: 'opinion',
    title: 'Climate policy will fail if we keep hiding its cost from households',
    dek: 'The government’s new climate plan sets the right targets, but says almost nothing about what families will pay, and that silence is a gift to its opponents.',
    authors: ['samuel-osei'],
    tags: ['Climate Policy', 'Energy', 'Housing'],
    daysAgo: 60,
    hour: 6,
    image: {
      seed: 779,
      alt: 'Illustration: a house with a red roof and a heat pump beside it, warm air curling from its fan.',
      caption: 'The plan would phase out new oil and gas boilers in existing homes by the end of the decade.',
      credit: 'Illustration: Gazette Studio',
    },
    body: `<p>The government’s new climate plan runs to 212 pages and contains 64 separate measures. I read it twice over the weekend. The word “cost” appears in it only twice, both times in reference to the cost of doing nothing.</p>
<p>That is a mistake, and a dangerous one. I say this as someone who supports the plan’s goals: a 70 per cent cut in emissions by the end of the next decade, an end to new oil and gas boilers in existing homes, and a national network of charging points. These are the right targets. But a plan that cannot tell a household what it will pay is a plan waiting to be defeated.</p>
<h2>What households are not being told</h2>
<p>Take the boiler rule. Replacing a gas boiler with a heat pump in a typical 1960s flat costs somewhere between 9,000 and 15,000 marks before any insulation, according to the installers’ own trade body. The plan promises “generous support” but does not say how much, for whom or for how long.</p>
<p>People notice gaps like that. When I was on the city council, we moved an estate of 800 flats onto district heating. It was a good project. It was also nearly cancelled, because residents learned the new standing charge from a leaked spreadsheet rather than from us. Trust lost over a number is very hard to win back.</p>
<aside class="pull-quote"><p>A plan that cannot tell a household what it will pay is a plan waiting to be defeated.</p></aside>
<h3>Three things the government should publish</h3>
<ol><li><strong>A household cost table:</strong> typical upfront and running costs for the main measures, broken down by type of home.</li><li><strong>A support schedule:</strong> who qualifies for grants, how much and until when, written into law rather than promised in speeches.</li><li><strong>An annual check:</strong> an independent review of whether costs are landing where the plan said they would.</li></ol>
<p>None of this would weaken the plan. It would make it much harder to attack. Opponents of climate policy are very good at finding the one household that was never told, and putting her on the evening news. The best defence is to make sure there is no such household.</p>
<p>Climate policy is not a technical exercise that happens to people. It is a bargain with them, and bargains only hold when both sides can see the price.</p>`,
  },
];
