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

/// Why credentials were refused: an exporter guarded by them could never be
/// scraped (or a Pushgateway never reached), so they are an error up front.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidCredentials(&'static str);

impl fmt::Display for InvalidCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for InvalidCredentials {}

/// Checks that `text` can travel in an `Authorization` header and survive
/// the trimming [`Auth::accepts`] applies: not empty, visible ASCII or
/// inner spaces only.
fn check(text: &str, empty: &'static str) -> Result<(), InvalidCredentials> {
    if text.is_empty() {
        return Err(InvalidCredentials(empty));
    }
    if !text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return Err(InvalidCredentials(
            "credentials must be visible ASCII (no control characters or non-ASCII text)",
        ));
    }
    Ok(())
}

impl Auth {
    /// `Authorization: Bearer <token>` (Prometheus: `authorization.credentials`).
    ///
    /// An empty token, or one with characters a header cannot carry, is an
    /// error: `Auth::bearer(std::env::var("TOKEN").unwrap_or_default())`
    /// would otherwise guard the endpoint with a token nobody can send.
    pub fn bearer(token: impl Into<String>) -> Result<Self, InvalidCredentials> {
        let token = token.into();
        check(&token, "the bearer token is empty")?;
        if token.trim() != token {
            return Err(InvalidCredentials(
                "the bearer token starts or ends with a space",
            ));
        }
        Ok(Auth {
            scheme: Scheme::Bearer,
            expected: token.into_bytes(),
        })
    }

    /// `Authorization: Basic base64(username:password)` (Prometheus: `basic_auth`).
    ///
    /// An empty username or password is an error, and so is a `:` in the
    /// username (RFC 7617 splits the pair at the first colon).
    pub fn basic(username: &str, password: &str) -> Result<Self, InvalidCredentials> {
        check(username, "the basic-auth username is empty")?;
        check(password, "the basic-auth password is empty")?;
        if username.contains(':') {
            return Err(InvalidCredentials(
                "the basic-auth username contains ':' (RFC 7617)",
            ));
        }
        let credentials = format!("{username}:{password}");
        let encoded = base64::encode(credentials.as_bytes(), base64::STANDARD);
        Ok(Auth {
            scheme: Scheme::Basic,
            expected: encoded.into_bytes(),
        })
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
        let auth = Auth::bearer("s3cret").expect("valid token");
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
        let auth = Auth::basic("Aladdin", "open sesame").expect("valid pair");
        assert!(auth.accepts(Some(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")));
        assert!(!auth.accepts(Some(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZq==")));
        assert_eq!(auth.header_value(), b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    #[test]
    fn credentials_nobody_can_send_are_refused() {
        for refused in [
            Auth::bearer(""),
            Auth::bearer(" padded"),
            Auth::bearer("line\nbreak"),
            Auth::bearer("caf\u{e9}"),
            Auth::basic("", "pw"),
            Auth::basic("user", ""),
            Auth::basic("us:er", "pw"),
        ] {
            assert!(refused.is_err(), "{refused:?}");
        }
        assert_eq!(
            Auth::bearer("").unwrap_err().to_string(),
            "the bearer token is empty"
        );
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let printed = format!(
            "{:?} {:?}",
            Auth::bearer("tok-123").expect("valid token"),
            Auth::basic("u", "pw-456").expect("valid pair")
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
