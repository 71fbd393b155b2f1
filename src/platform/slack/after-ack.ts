// Work that follows an acknowledgement (the modal of a slash command) waits behind the acknowledgements
// themselves. Slack shows "operation_timeout" when a command is not answered within 3 s, and the modal's
// trigger_id also lives 3 s (docs.slack.dev/interactivity/handling-user-interaction#modals): under a burst,
// answering every waiting request first and opening modals in the gaps keeps both deadlines, where
// interleaving them makes every answer wait for someone else's modal.
//
// Tasks start in order, in the event loop's check phase (setImmediate), after the poll phase has handed
// over every request that had arrived. Each turn starts tasks until `budgetMs` of synchronous work is
// spent, and always at least one, so a queue under constant load still drains. A task that throws is the
// task's own business: it must report its failure itself (the error boundary does).

export type AfterAck = (task: () => Promise<void>) => void;

export function createAfterAck(options: { budgetMs: number }): AfterAck {
  const queue: Array<() => Promise<void>> = [];
  let scheduled = false;

  function turn() {
    scheduled = false;
    const until = performance.now() + options.budgetMs;
    do {
      const task = queue.shift();
      if (task === undefined) return;
      void task().catch(() => undefined);
    } while (performance.now() < until);
    if (queue.length > 0) schedule();
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  }

  return (task) => {
    queue.push(task);
    schedule();
  };
}
