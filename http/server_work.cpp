// The worker side of the server: the handler runs here, and a request it parks waits in the parking lot until it
// is woken, its time runs out or its client hangs up (http/parking_lot.hpp).
#include <microhttpd.h>

#include <cctype>

#include "http/inflate.hpp"
#include "http/server_impl.hpp"

namespace shubbak::http {

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

// The request is whole: a worker answers it while the connection waits, suspended (no socket events, no timeout).
void Server::Impl::dispatch(Exchange* x) {
  x->dispatched = true;
  watch->answering(x->watch);
  MHD_suspend_connection(x->conn);
  const size_t max_waiting = static_cast<size_t>(opt.max_queued);
  // Every worker busy and enough waiting: answered at once, the client tries again shortly.
  if (!pool->try_post([this, x] { work(x); }, max_waiting))
    finish(x, busy(x, "every worker busy", "the server is busy receiving other batches; try again shortly"));
}

// A worker's turn with a request: the handler's answer, or the request parked (its connection stays suspended, and
// `x` belongs to the parking lot from then on: not touched here after).
void Server::Impl::work(Exchange* x) {
  for (;;) {
    x->wakes_seen = lot->wakes();
    Reply r = x->decoded ? call_handler(x) : answer(x);
    if (r.parked && park(x, r)) return;
    if (!r.parked) return finish(x, std::move(r));
  }
}

// Parks `x` (true), or says why not in `r`: an answer (r.parked false), or the handler to be called again at once
// (r.parked still true: a wake came while it decided, or the server is stopping).
bool Server::Impl::park(Exchange* x, Reply& r) {
  if (x->req.parked_timeout) {  // its time ran out and the handler parks it again: the client asks again later
    r = busy(x, "parked again after its time ran out", "nothing new yet; ask again shortly");
    return false;
  }
  if (x->park_deadline == std::chrono::steady_clock::time_point{})
    x->park_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.park_seconds);
  metrics.add_parked(1);  // before another thread can release it (and count it down)
  switch (lot->park(x, x->fd, x->park_deadline, x->wakes_seen)) {
    case ParkingLot::Parked::Yes: return true;
    case ParkingLot::Parked::Full:
      r = busy(x, "too many requests parked", "too many requests are waiting; try again shortly");
      break;
    case ParkingLot::Parked::WokenMeanwhile: break;
    case ParkingLot::Parked::Closed: x->req.parked_timeout = true; break;
  }
  metrics.add_parked(-1);
  return false;
}

// From the parking lot (its thread, a wake()'s caller, or stop()): woken or timed out, the handler is called again
// on a worker; a client that hung up is closed without an answer.
void Server::Impl::release(Exchange* x, ParkingLot::Why why) {
  metrics.add_parked(-1);
  if (why == ParkingLot::Why::Gone) {
    x->gone = true;
    x->ready = true;
    MHD_resume_connection(x->conn);
    return;
  }
  x->req.parked_timeout = why == ParkingLot::Why::TimedOut;
  pool->post([this, x] { work(x); });
}

void Server::Impl::finish(Exchange* x, Reply r) {
  x->reply = std::move(r);
  x->ready = true;
  MHD_resume_connection(x->conn);  // x is not touched after this: the event thread sends and frees it
}

Reply Server::Impl::busy(const Exchange* x, const std::string& why, const std::string& words) {
  refusals.note(503, why);
  Reply r = refusal(x, 503, words);
  r.headers.emplace_back("Retry-After", std::to_string(opt.retry_after_seconds));
  return r;
}

// Content-Encoding undone (once), then the handler.
Reply Server::Impl::answer(Exchange* x) {
  std::string encoding = lower(x->req.header("content-encoding"));
  if (encoding == "gzip" || encoding == "x-gzip") {
    std::string decoded;
    Inflated rc = inflate_gzip(x->req.body, opt.max_decoded_body_bytes, decoded);
    if (rc == Inflated::TooLarge) {
      refusals.note(413, "decoded body over the limit");
      return refusal(x, 413, "the body, once decompressed, is larger than this server accepts");
    }
    if (rc == Inflated::Damaged) return refusal(x, 400, "the gzip body is damaged");
    x->req.body = std::move(decoded);
  } else if (!encoding.empty() && encoding != "identity") {
    return refusal(x, 415, "Content-Encoding must be gzip or none");
  }
  x->decoded = true;
  return call_handler(x);
}

Reply Server::Impl::call_handler(Exchange* x) {
  try {
    return handler(x->req);
  } catch (const std::exception& e) {
    refusals.note(500, std::string("handler failed: ") + e.what());
    return refusal(x, 500, "server error");
  }
}

Reply Server::Impl::refusal(const Exchange* x, int status, const std::string& words) const {
  if (!opt.refusal) return Reply::error(status, words);
  try {
    return opt.refusal(x->req, status, words);
  } catch (const std::exception&) {
    return Reply::error(status, words);
  }
}

}  // namespace shubbak::http
