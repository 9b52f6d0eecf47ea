//! Optional protection of the scrape endpoint: a bearer token or HTTP Basic
//! credentials, checked in constant time and never printed.

use std::fmt;

use super::base64;

/// Credentials a scraper must present in its `Authorization` header.
///
/// `Debug` prints only the scheme: the secret is never logged or echoed.
#[derive(Clone)]
pub struct Auth {
    scheme: Scheme,
    /// The credentials part of the expected header value, after the scheme.
    expected: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    Bearer,
    Basic,
}

impl Scheme {
    fn name(self) -> &'static str {
        match self {
            Scheme::Bearer => "Bearer",
            Scheme::Basic => "Basic",
        }
    }
}

impl Auth {
    /// `Authorization: Bearer <token>` (Prometheus: `authorization.credentials`).
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth {
            scheme: Scheme::Bearer,
            expected: token.into().into_bytes(),
        }
    }

    /// `Authorization: Basic base64(username:password)` (Prometheus: `basic_auth`).
    pub fn basic(username: &str, password: &str) -> Self {
        let credentials = format!("{username}:{password}");
        let encoded = base64::encode(credentials.as_bytes(), base64::STANDARD);
        Auth {
            scheme: Scheme::Basic,
            expected: encoded.into_bytes(),
        }
    }

    /// The `WWW-Authenticate` challenge sent with a 401.
    pub(crate) fn challenge(&self) -> &'static str {
        match self.scheme {
            Scheme::Bearer => "Bearer realm=\"metrics\"",
            Scheme::Basic => "Basic realm=\"metrics\", charset=\"UTF-8\"",
        }
    }

    /// The full `Authorization` header value these credentials produce (for
    /// the Pushgateway client, which presents them instead of checking them).
    pub(crate) fn header_value(&self) -> Vec<u8> {
        let mut value = format!("{} ", self.scheme.name()).into_bytes();
        value.extend_from_slice(&self.expected);
        value
    }

    /// Whether `header` (the raw `Authorization` value, if any) carries these
    /// credentials. The scheme is matched case-insensitively as RFC 9110
    /// says; the credentials are compared in constant time.
    pub(crate) fn accepts(&self, header: Option<&[u8]>) -> bool {
        let Some(header) = header else { return false };
        let Some(space) = header.iter().position(|&b| b == b' ') else {
            return false;
        };
        let (scheme, rest) = header.split_at(space);
        let credentials = trim_spaces(rest);
        scheme.eq_ignore_ascii_case(self.scheme.name().as_bytes())
            & constant_time_eq(credentials, &self.expected)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Auth::{:?}(<redacted>)", self.scheme)
    }
}

fn trim_spaces(mut bytes: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' '] = bytes {
        bytes = rest;
    }
    bytes
}

/// Compares two byte strings in time that depends only on their lengths, so
/// a wrong guess does not reveal how many leading bytes were right. (The
/// length of the secret is not hidden; it is not the secret.)
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    let difference = given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    // black_box keeps the optimiser from turning the fold into an early exit.
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_accepts_only_its_token() {
        let auth = Auth::bearer("s3cret");
        assert!(auth.accepts(Some(b"Bearer s3cret")));
        assert!(auth.accepts(Some(b"bearer s3cret")));
        assert!(!auth.accepts(Some(b"Bearer s3cres")));
        assert!(!auth.accepts(Some(b"Bearer s3cret2")));
        assert!(!auth.accepts(Some(b"Basic s3cret")));
        assert!(!auth.accepts(Some(b"Bearer")));
        assert!(!auth.accepts(None));
    }

    #[test]
    fn basic_accepts_the_rfc_7617_example() {
        let auth = Auth::basic("Aladdin", "open sesame");
        assert!(auth.accepts(Some(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")));
        assert!(!auth.accepts(Some(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZq==")));
        assert_eq!(auth.header_value(), b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let printed = format!(
            "{:?} {:?}",
            Auth::bearer("tok-123"),
            Auth::basic("u", "pw-456")
        );
        assert!(
            !printed.contains("tok-123") && !printed.contains("pw-456"),
            "{printed}"
        );
        assert!(
            !printed.contains(&base64::encode(b"u:pw-456", base64::STANDARD)),
            "{printed}"
        );
    }
}
