//! An operation whose only documented outcome is `101 Switching Protocols`: the server switches
//! the connection to another protocol (a WebSocket, as Together's realtime endpoints). The client
//! speaks HTTP only: it sends the request, but cannot complete the upgrade, and the `101` comes
//! back as an error. The call stays (its request is right), marked in its docs and `API.md`, with
//! a warning naming the response's pointer.

use super::operation::is_outcome;
use crate::diag::Diagnostics;
use openapiv3::StatusCode;

/// Whether `op` (at `ptr`) documents `101` and no other success or redirection; warns when so.
pub(super) fn only_upgrade(op: &openapiv3::Operation, ptr: &str, diags: &mut Diagnostics) -> bool {
    let codes = op.responses.responses.keys();
    let switching = codes.clone().any(|c| *c == StatusCode::Code(101));
    if !switching || codes.into_iter().any(is_outcome) {
        return false;
    }
    diags.warn(
        format!("{ptr}/responses/101"),
        "the operation's only outcome is `101 Switching Protocols` (a WebSocket or another protocol upgrade): \
         the client sends the request but cannot complete the upgrade, so the call returns the 101 as an error",
    );
    true
}
