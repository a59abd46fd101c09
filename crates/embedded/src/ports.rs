use std::net::{Ipv4Addr, TcpListener};

use crate::EmbeddedError;

/// A port on 127.0.0.1 that was free a moment ago; another process may still
/// take it before the caller binds it.
pub fn free_port() -> Result<u16, EmbeddedError> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// Whether 127.0.0.1:`port` can be bound right now.
pub fn port_is_free(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

pub(crate) fn ensure_free(port: u16) -> Result<(), EmbeddedError> {
    if port_is_free(port) {
        Ok(())
    } else {
        Err(EmbeddedError::PortInUse(port))
    }
}
