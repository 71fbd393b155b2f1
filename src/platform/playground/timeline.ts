import { waitingLine } from '../../../cards/who-acts.ts';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import { formatMyt, type Locale } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { actorNameOf, buildTicketCard } from '../../tickets/card-source.ts';

// The playground's ticket timeline: every ticket with its state, who must act next and by when (the
// product's first promise, as on the cards) and its whole audit trail, in the page's language.

const SHOWN = 50;

export async function ticketTimeline(db: Db, directory: Directory, lang: Locale, now: Date) {
  const texts = textsFor(lang);
  const { t } = texts;
  const rows = await db.ticket.findMany({
    orderBy: [{ year: 'desc' }, { seq: 'desc' }],
    take: SHOWN,
    select: {
      id: true,
      number: true,
      kind: true,
      title: true,
      state: true,
      events: { orderBy: { seq: 'asc' }, select: { type: true, actorId: true, at: true, data: true } },
    },
  });
  return Promise.all(
    rows.map(async (row) => {
      const model = await buildTicketCard(db, directory, row.id, 'ticket', now);
      const next = model.nextActor;
      return {
        number: row.number,
        kind: row.kind,
        kindLabel: t(`form.title.${row.kind}`),
        title: row.title,
        state: row.state,
        stateLabel: t(`state.${row.state}`),
        closed: next === null,
        // In the cards' own words, so the panel never tells a different story from the card beside it.
        next: next === null ? t('playground.timeline.closed') : waitingLine(next, texts),
        events: row.events.map((e) => ({
          at: e.at.toISOString(),
          atLabel: formatMyt(e.at, lang),
          actor: actorNameOf(e, directory),
          label: t(`event.${e.type}`),
        })),
      };
    }),
  );
}
