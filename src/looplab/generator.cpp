#include "looplab/generator.hpp"

#include "looplab/event_loop.hpp"

namespace looplab::py {

const char* to_string(GeneratorState state) {
  switch (state) {
    case GeneratorState::created: return "GEN_CREATED";
    case GeneratorState::suspended: return "GEN_SUSPENDED";
    case GeneratorState::running: return "GEN_RUNNING";
    case GeneratorState::closed: return "GEN_CLOSED";
  }
  return "?";
}

Generator::Generator(std::string name, std::uint32_t def_line, GeneratorBody body)
    : name_(std::move(name)), body_(std::move(body)), line_(def_line) {
  // Outside a loop (a plain unit test of values) the generator still works, unrecorded.
  if (EventLoop* loop = current_loop())
    id_ = loop->trace().add_generator(loop->time(), loop->current_task_id(), name_, def_line);
}

void Generator::record(GeneratorStepKind kind, GeneratorCall call, const std::string& value) {
  EventLoop* loop = current_loop();
  if (loop == nullptr || id_ == 0) return;
  Trace& trace = loop->trace();
  const std::uint32_t line = kind == GeneratorStepKind::resumed && state_ == GeneratorState::created ? 0 : line_;
  trace.record_generator_step(loop->time(), loop->current_task_id(),
                              GeneratorStep{id_, kind, call, line, value.empty() ? 0 : trace.add_text(value)});
}

Value Generator::next() { return resume(Value{}, GeneratorCall::next); }
Value Generator::send(Value value) { return resume(std::move(value), GeneratorCall::send); }

Value Generator::resume(Value value, GeneratorCall call) {
  // CPython's order of checks (gen_send_ex2): a non-None send into a fresh frame, a frame
  // that is already executing, a finished frame (which answers StopIteration, every time).
  if (state_ == GeneratorState::created && !value.is_none()) {
    const auto error = TypeError("can't send non-None value to a just-started generator");
    record(GeneratorStepKind::refused, call, error.what());
    throw error;
  }
  if (state_ == GeneratorState::running) {
    const auto error = ValueError("generator already executing");
    record(GeneratorStepKind::refused, call, error.what());
    throw error;
  }
  if (state_ == GeneratorState::closed) {
    record(GeneratorStepKind::refused, call, "StopIteration");
    throw StopIteration();
  }
  record(GeneratorStepKind::resumed, call, value.repr());
  state_ = GeneratorState::running;
  auto& frame = body_.handle().promise();
  if (delegate_) {
    // Paused inside `yield from`: the value goes straight through to the delegate, and this
    // frame only runs again once the delegate finishes (its return value is the result).
    Value out;
    if (delegate_step(std::move(value), GeneratorCall::delegated, out)) return out;
  } else {
    frame.in = std::move(value);
  }
  return run_frame();
}

bool Generator::delegate_step(Value value, GeneratorCall call, Value& out) {
  auto& frame = body_.handle().promise();
  try {
    out = delegate_->resume(std::move(value), call);
    state_ = GeneratorState::suspended;
    record(GeneratorStepKind::suspended, GeneratorCall::none, out.repr());
    return true;
  } catch (const StopIteration& stop) {
    delegate_.reset();
    frame.in = stop.value();
  } catch (...) {
    // The delegate's error surfaces in this frame, at the yield from, where it may be caught.
    delegate_.reset();
    frame.thrown = std::current_exception();
  }
  return false;
}

Value Generator::run_frame() {
  using Pause = GeneratorBody::promise_type::Pause;
  auto& frame = body_.handle().promise();
  for (;;) {
    frame.pause = Pause::none;
    body_.handle().resume();
    if (frame.pause == Pause::yielded) {
      line_ = frame.line;
      state_ = GeneratorState::suspended;
      record(GeneratorStepKind::suspended, GeneratorCall::none, frame.out.repr());
      return std::move(frame.out);
    }
    if (frame.pause == Pause::delegating) {
      line_ = frame.line;
      delegate_ = frame.out.generator_ref();
      if (!delegate_) {
        frame.thrown = std::make_exception_ptr(TypeError("'" + frame.out.type_name() + "' object is not iterable"));
        continue;
      }
      // yield from starts its delegate the way next() would.
      Value out;
      if (delegate_step(Value{}, GeneratorCall::delegated, out)) return out;
      continue;
    }
    // The frame finished: `return v` reaches the caller as StopIteration(v).
    state_ = GeneratorState::closed;
    if (frame.failed) {
      const auto failed = std::exchange(frame.failed, nullptr);
      try {
        std::rethrow_exception(failed);
      } catch (const StopIteration&) {
        // PEP 479: a StopIteration escaping a generator's body would look like its end.
        const auto error = RuntimeError("generator raised StopIteration");
        record(GeneratorStepKind::raised, GeneratorCall::none, error.what());
        throw error;
      } catch (const std::exception& error) {
        record(GeneratorStepKind::raised, GeneratorCall::none, error.what());
        throw;
      }
    }
    record(GeneratorStepKind::returned, GeneratorCall::none, frame.returned.repr());
    throw StopIteration(frame.returned);
  }
}

void Generator::close() {
  if (state_ == GeneratorState::closed) return;
  if (state_ == GeneratorState::running) throw ValueError("generator already executing");
  if (state_ == GeneratorState::created) {
    state_ = GeneratorState::closed;
    record(GeneratorStepKind::closed, GeneratorCall::close, "");
    return;
  }
  // Python closes the delegate first, then raises GeneratorExit at this frame's yield.
  if (delegate_) std::exchange(delegate_, nullptr)->close();
  record(GeneratorStepKind::resumed, GeneratorCall::close, "GeneratorExit");
  auto& frame = body_.handle().promise();
  state_ = GeneratorState::running;
  frame.thrown = std::make_exception_ptr(GeneratorExit());
  frame.pause = GeneratorBody::promise_type::Pause::none;
  body_.handle().resume();
  if (frame.pause != GeneratorBody::promise_type::Pause::none) {
    line_ = frame.line;
    state_ = GeneratorState::suspended;
    const auto error = RuntimeError("generator ignored GeneratorExit");
    record(GeneratorStepKind::raised, GeneratorCall::close, error.what());
    throw error;
  }
  state_ = GeneratorState::closed;
  if (frame.failed) {
    try {
      std::rethrow_exception(std::exchange(frame.failed, nullptr));
    } catch (const GeneratorExit&) {
    } catch (const StopIteration&) {
    } catch (const std::exception& error) {
      record(GeneratorStepKind::raised, GeneratorCall::close, error.what());
      throw;
    }
  }
  record(GeneratorStepKind::closed, GeneratorCall::close, "");
}

Value make_generator(std::string name, std::uint32_t def_line, GeneratorBody body) {
  return Value(std::make_shared<Generator>(std::move(name), def_line, std::move(body)));
}

Value next(const Value& iterator) {
  Generator* g = iterator.generator();
  if (g == nullptr) throw TypeError("'" + iterator.type_name() + "' object is not an iterator");
  return g->next();
}

Value send(const Value& generator, Value value) {
  Generator* g = generator.generator();
  if (g == nullptr) throw Exception("AttributeError", "'" + generator.type_name() + "' object has no attribute 'send'");
  return g->send(std::move(value));
}

std::vector<Value> list(const Value& iterable) {
  Generator* g = iterable.generator();
  if (g == nullptr) throw TypeError("'" + iterable.type_name() + "' object is not iterable");
  std::vector<Value> items;
  for (;;) {
    try {
      items.push_back(g->next());
    } catch (const StopIteration&) {
      return items;
    }
  }
}

}  // namespace looplab::py
