#include "desk/desk_session.hpp"

#include "desk/tokens.hpp"
#include "store/data_dir.hpp"

namespace shubbak::desk {

DeskSession::DeskSession(const std::string& data_dir, const CentreConfig& config, const Clock& clock,
                         TimePoint expires_at)
    : db(store::open_store(data_dir)), counter(db, config, clock), csrf(random_token()), expires(expires_at) {}

}  // namespace shubbak::desk
