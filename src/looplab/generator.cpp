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

namespace {

std::string text_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception";
  }
}

bool is_generator_exit(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const GeneratorExit&) {
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

Generator::~Generator() {
  if (state_ != GeneratorState::suspended) return;
  try {
    close_as(GeneratorCall::drop);
  } catch (const std::exception&) {
    // Already recorded as the step that raised; nothing can take it from a finaliser.
  }
}

Value Generator::next() { return resume(Value{}, GeneratorCall::next); }
Value Generator::send(Value value) { return resume(std::move(value), GeneratorCall::send); }
Value Generator::throw_exception(std::exception_ptr error) { return resume(Value{}, GeneratorCall::throw_in, std::move(error)); }

Value Generator::resume(Value value, GeneratorCall call, std::exception_ptr raise) {
  // CPython's order of checks (gen_send_ex2): a non-None send into a fresh frame, a frame
  // that is already executing, a finished frame (which answers StopIteration, every time,
  // or raises what is thrown into it).
  if (state_ == GeneratorState::created && !raise && !value.is_none()) {
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
    record(GeneratorStepKind::refused, call, raise ? text_of(raise) : "StopIteration");
    if (raise) std::rethrow_exception(raise);
    throw StopIteration();
  }
  record(GeneratorStepKind::resumed, call, raise ? text_of(raise) : value.repr());
  if (raise && state_ == GeneratorState::created) {
    // Thrown before its first line: no try of it is active yet, so the error leaves at once.
    state_ = GeneratorState::closed;
    record(GeneratorStepKind::raised, GeneratorCall::none, text_of(raise));
    std::rethrow_exception(raise);
  }
  state_ = GeneratorState::running;
  auto& frame = body_.handle().promise();
  if (delegate_) {
    // Paused inside `yield from`: the value goes straight through to the delegate, and this
    // frame only runs again once the delegate finishes (its return value is the result).
    Value out;
    if (delegate_step(std::move(value), std::move(raise), out)) return out;
  } else if (raise) {
    frame.thrown = std::move(raise);
  } else {
    frame.in = std::move(value);
  }
  return run_frame();
}

bool Generator::delegate_step(Value value, std::exception_ptr raise, Value& out) {
  auto& frame = body_.handle().promise();
  try {
    if (raise && is_generator_exit(raise)) {
      // CPython closes the delegate, then raises GeneratorExit here, at the yield from.
      std::exchange(delegate_, nullptr)->close();
      frame.thrown = std::move(raise);
      return false;
    }
    out = raise ? delegate_->resume(Value{}, GeneratorCall::throw_in, std::move(raise))
                : delegate_->resume(std::move(value), GeneratorCall::delegated);
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
      if (delegate_step(Value{}, nullptr, out)) return out;
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

void Generator::close() { close_as(GeneratorCall::close); }

void Generator::close_as(GeneratorCall call) {
  if (state_ == GeneratorState::closed) return;
  if (state_ == GeneratorState::running) throw ValueError("generator already executing");
  if (state_ == GeneratorState::created) {
    state_ = GeneratorState::closed;
    record(GeneratorStepKind::closed, call, "");
    return;
  }
  record(GeneratorStepKind::resumed, call, "GeneratorExit");
  auto& frame = body_.handle().promise();
  state_ = GeneratorState::running;
  // CPython (gen_close) closes the delegate first; if that fails, its error is what this
  // frame gets at the yield from, instead of GeneratorExit.
  frame.thrown = std::make_exception_ptr(GeneratorExit());
  if (delegate_) {
    try {
      std::exchange(delegate_, nullptr)->close();
    } catch (...) {
      frame.thrown = std::current_exception();
    }
  }
  frame.pause = GeneratorBody::promise_type::Pause::none;
  body_.handle().resume();
  if (frame.pause != GeneratorBody::promise_type::Pause::none) {
    line_ = frame.line;
    state_ = GeneratorState::suspended;
    // It yielded instead of finishing: still suspended, and close() refused.
    record(GeneratorStepKind::suspended, GeneratorCall::none, frame.out.repr());
    const auto error = RuntimeError("generator ignored GeneratorExit");
    record(GeneratorStepKind::refused, call, error.what());
    throw error;
  }
  state_ = GeneratorState::closed;
  if (frame.failed) {
    try {
      std::rethrow_exception(std::exchange(frame.failed, nullptr));
    } catch (const GeneratorExit&) {
    } catch (const StopIteration&) {
      const auto error = RuntimeError("generator raised StopIteration");
      record(GeneratorStepKind::raised, call, error.what());
      throw error;
    } catch (const std::exception& error) {
      record(GeneratorStepKind::raised, call, error.what());
      throw;
    }
  }
  record(GeneratorStepKind::closed, call, "");
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

void close(const Value& generator) {
  Generator* g = generator.generator();
  if (g == nullptr) throw Exception("AttributeError", "'" + generator.type_name() + "' object has no attribute 'close'");
  g->close();
}

Value throw_exception(const Value& generator, std::exception_ptr error) {
  Generator* g = generator.generator();
  if (g == nullptr) throw Exception("AttributeError", "'" + generator.type_name() + "' object has no attribute 'throw'");
  return g->throw_exception(std::move(error));
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
