// Reading a LoopLab trace as window.looplab.trace() returns it (src/looplab/trace_export.hpp):
// events are [time, kind, task, related, detail, state, cause]; names live in `strings`.
export function readTrace(trace) {
  const text = id => trace.strings[id];
  const taskName = id => text(trace.tasks[id].name);
  const eventTime = index => (index === 0xffffffff || index === undefined ? null : trace.events[index][0]);
  const tasks = trace.tasks.map((t, id) => ({
    id, name: text(t.name), created: eventTime(t.created_event), finished: eventTime(t.finished_event),
  })).slice(1);  // entry 0 stands for the loop itself
  const requests = trace.io_ops.slice(1).map(op => ({
    task: taskName(op.task),
    description: text(op.description),
    sent: eventTime(op.sent_event),
    answered: eventTime(op.answered_event),
    blocking: op.blocking,
  }));
  const prints = trace.events.filter(e => e[1] === 'print').map(e => ({ time: e[0], task: taskName(e[2]), text: text(e[4]) }));
  return { clock: trace.clock, tasks, requests, prints, task: name => tasks.find(t => t.name === name) };
}
