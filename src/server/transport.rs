//! The base protocol: `Content-Length` framed JSON-RPC messages on a byte
//! stream. Reading never gives up on a bad message: a frame whose body is
//! not JSON, or not a JSON-RPC message, is reported as [`Incoming::Malformed`]
//! (to be answered with an error) and the next frame is read; a broken
//! header skips to the next `Content-Length` line.

use std::io::{self, BufRead, Write};

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;

/// The largest message body read (a 10 MB document is 10 MB of JSON string
/// plus escapes); larger bodies are skipped and answered with an error.
pub const MAX_BODY: usize = 256 << 20;

/// What one frame of the input stream holds.
#[derive(Debug)]
pub enum Incoming {
    /// A JSON-RPC message.
    Message(Message),
    /// A frame that is not a valid message: the error to answer it with
    /// (`id` is `None` when the request id could not be read).
    Malformed {
        /// The request id, when the body had one.
        id: Option<RequestId>,
        /// `ParseError` for bad JSON or framing, `InvalidRequest` for JSON that is no message.
        code: ErrorCode,
        /// What was wrong.
        message: String,
    },
}

/// Reads the next frame; `None` at the end of the stream.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut header_error: Option<String> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let mut text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        saw_header = true;
        // Bytes left over from a broken frame, then the next frame's header:
        // start again at the header.
        if let Some(at) = text.to_ascii_lowercase().find("content-length:").filter(|&at| at > 0) {
            header_error = Some(format!("unexpected bytes before a header: `{}`", shorten(&text[..at])));
            text = &text[at..];
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => header_error = Some(format!("invalid Content-Length header `{text}`")),
                }
            }
            Some(_) => {}
            None => header_error = Some(format!("malformed header line `{}`", shorten(text))),
        }
    }
    let Some(length) = length else {
        let message = header_error.unwrap_or_else(|| "message without a Content-Length header".into());
        return Ok(Some(Incoming::Malformed { id: None, code: ErrorCode::ParseError, message }));
    };
    if length > MAX_BODY {
        let mut rest = io::Read::take(&mut *input, length as u64);
        io::copy(&mut rest, &mut io::sink())?;
        return Ok(Some(Incoming::Malformed {
            id: None,
            code: ErrorCode::ParseError,
            message: format!("message of {length} bytes is larger than the {MAX_BODY} bytes accepted"),
        }));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(decode(&body)))
}

/// Decodes one message body.
pub fn decode(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                message: format!("invalid JSON: {e}"),
            };
        }
    };
    let id = value.get("id").cloned().and_then(|id| serde_json::from_value::<RequestId>(id).ok());
    let has = |field: &str| value.get(field).is_some();
    if !has("method") && !has("result") && !has("error") {
        return Incoming::Malformed { id, code: ErrorCode::InvalidRequest, message: "message has no method".into() };
    }
    if value.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            message: "not a JSON-RPC 2.0 message (\"jsonrpc\": \"2.0\" is missing)".into(),
        };
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed { id, code: ErrorCode::InvalidRequest, message: format!("invalid message: {e}") },
    }
}

/// Writes one message.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

/// Writes an error response, with `"id": null` when the id is unknown.
pub fn write_error(output: &mut impl Write, id: Option<RequestId>, code: ErrorCode, message: &str) -> io::Result<()> {
    match id {
        Some(id) => write(output, &Message::Response(lsp_server::Response::new_err(id, code as i32, message.into()))),
        None => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": { "code": code as i32, "message": message },
            })
            .to_string();
            write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
            output.flush()
        }
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut reader = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Ok(Some(frame)) = read(&mut reader) {
            out.push(match frame {
                Incoming::Message(Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Incoming::Message(Message::Response(_)) => "response".into(),
                Incoming::Malformed { id, code, .. } => format!("malformed {:?} {code:?}", id.map(|i| i.to_string())),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_do_not_stop_reading() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7}"#),
            frame(r#"{"id":8,"method":"b"}"#),
            "Content-Length: x\r\n\r\n".into(),
            "garbage\r\n\r\n".into(),
            "Content-Lenght: 2\r\n\r\n{}".into(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        assert_eq!(
            frames(input.as_bytes()),
            [
                "request a",
                "malformed None ParseError",
                "malformed Some(\"7\") InvalidRequest",
                "malformed Some(\"8\") InvalidRequest",
                "malformed None ParseError",
                "malformed None ParseError",
                "malformed None ParseError",
                "notification exit"
            ]
        );
    }

    #[test]
    fn null_id_error_is_valid_json_rpc() {
        let mut out = Vec::new();
        write_error(&mut out, None, ErrorCode::ParseError, "bad").expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let (_, body) = text.split_once("\r\n\r\n").expect("frame");
        let value: Value = serde_json::from_str(body).expect("json");
        assert_eq!(value["id"], Value::Null);
        assert_eq!(value["error"]["code"], -32700);
    }
}
