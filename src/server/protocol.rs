//! The server loop: the lifecycle (`initialize`, `shutdown`, `exit`), the
//! dispatch of requests and notifications to the feature modules, and the
//! publication of diagnostics.
//!
//! Messages are handled one at a time, in order. Diagnostics are published
//! when no message is waiting: a burst of changes (typing faster than the
//! editor sends) is linted once, at its end.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::mpsc::{Receiver, TryRecvError};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{self as lsp, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::completion::{self, ClientSupport};
use super::documents::{Document, Documents};
use super::position::Encoding;
use super::settings::Settings;
use super::transport::{self, Incoming};
use super::{actions, diagnostics, formatting, hover, symbols};

/// Where the server is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Uninitialized,
    /// Answering.
    Running,
    /// `shutdown` was answered; waiting for `exit`.
    ShutDown,
}

/// A request that failed: the JSON-RPC error to answer with.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The error code.
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure { code, message: message.into() }
    }

    fn unknown_document(uri: &Url) -> Failure {
        Failure::new(
            ErrorCode::InvalidParams,
            format!("unknown document {uri}: it was not opened with textDocument/didOpen"),
        )
    }
}

type Answer = Result<Value, Failure>;

/// The server's state between messages.
pub struct Server<W: Write> {
    out: W,
    state: State,
    documents: Documents,
    settings: Settings,
    encoding: Encoding,
    completion: ClientSupport,
    /// Documents whose diagnostics must be published.
    dirty: BTreeSet<Url>,
    /// Configuration errors already shown to the user.
    shown: BTreeSet<String>,
}

impl<W: Write> Server<W> {
    /// A server writing to `out`.
    pub fn new(out: W, settings: Settings) -> Server<W> {
        Server {
            out,
            state: State::Uninitialized,
            documents: Documents::default(),
            settings,
            encoding: Encoding::default(),
            completion: ClientSupport::default(),
            dirty: BTreeSet::new(),
            shown: BTreeSet::new(),
        }
    }

    /// Runs until `exit` or the end of the input; returns whether the exit
    /// was clean (`shutdown` was received first).
    pub fn run(&mut self, incoming: &Receiver<std::io::Result<Incoming>>) -> std::io::Result<bool> {
        loop {
            let next = match incoming.try_recv() {
                Ok(next) => Some(next),
                Err(TryRecvError::Empty) => {
                    self.publish_dirty()?;
                    incoming.recv().ok()
                }
                Err(TryRecvError::Disconnected) => None,
            };
            let Some(next) = next else {
                log("the input ended without an exit notification");
                return Ok(false);
            };
            let next = match next {
                Ok(next) => next,
                Err(e) => {
                    log(&format!("cannot read the input: {e}"));
                    return Ok(false);
                }
            };
            if let Some(clean) = self.handle(next)? {
                return Ok(clean);
            }
        }
    }

    /// Handles one incoming frame; `Some(clean)` once `exit` arrived.
    /// Diagnostics of changed documents wait for [`Server::publish_dirty`].
    pub fn handle(&mut self, next: Incoming) -> std::io::Result<Option<bool>> {
        match next {
            Incoming::Malformed { id, code, message } => {
                log(&format!("malformed message: {message}"));
                transport::write_error(&mut self.out, id, code, &message)?;
            }
            Incoming::Message(Message::Request(request)) => self.on_request(request)?,
            Incoming::Message(Message::Response(_)) => {}
            Incoming::Message(Message::Notification(n)) => {
                if n.method == lsp::notification::Exit::METHOD {
                    return Ok(Some(self.state == State::ShutDown));
                }
                self.on_notification(n)?;
            }
        }
        Ok(None)
    }

    /// The output, e.g. to inspect what was written.
    pub fn output(&mut self) -> &mut W {
        &mut self.out
    }

    fn send(&mut self, message: Message) -> std::io::Result<()> {
        transport::write(&mut self.out, &message)
    }

    fn notify<N: lsp::notification::Notification>(&mut self, params: N::Params) -> std::io::Result<()> {
        self.send(Message::Notification(Notification::new(N::METHOD.to_string(), params)))
    }

    fn show(&mut self, kind: lsp::MessageType, message: String) -> std::io::Result<()> {
        log(&message);
        self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams { typ: kind, message })
    }

    fn on_request(&mut self, request: Request) -> std::io::Result<()> {
        let id = request.id.clone();
        let answer = match (self.state, request.method.as_str()) {
            (State::Uninitialized, lsp::request::Initialize::METHOD) => self.initialize(request.params),
            (State::Uninitialized, _) => {
                Err(Failure::new(ErrorCode::ServerNotInitialized, "the server has not been initialized yet"))
            }
            (State::Running, lsp::request::Initialize::METHOD) => {
                Err(Failure::new(ErrorCode::InvalidRequest, "the server is already initialized"))
            }
            (State::Running, lsp::request::Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, method) => {
                let method = method.to_string();
                // A handler must not take the server down: a panic (a bug)
                // becomes an internal error answer.
                let caught =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(&method, request.params)));
                match caught {
                    Ok(answer) => answer,
                    Err(_) => {
                        Err(Failure::new(ErrorCode::InternalError, format!("internal error while answering {method}")))
                    }
                }
            }
            (State::ShutDown, _) => Err(Failure::new(ErrorCode::InvalidRequest, "the server is shut down; send exit")),
        };
        let response = match answer {
            Ok(result) => Response { id, result: Some(result), error: None },
            Err(failure) => {
                if !matches!(failure.code, ErrorCode::RequestFailed) {
                    log(&format!("request {}: {}", request.method, failure.message));
                }
                error_response(id, failure)
            }
        };
        if let Some(error) = &response.error
            && error.code == ErrorCode::RequestFailed as i32
        {
            // A refusal the user should see (e.g. formatting a file that does not parse).
            let message = error.message.clone();
            self.send(Message::Response(response))?;
            return self.show(lsp::MessageType::ERROR, message);
        }
        self.send(Message::Response(response))
    }

    fn initialize(&mut self, params: Value) -> Answer {
        let params: lsp::InitializeParams = parse(params)?;
        let caps = &params.capabilities;
        self.encoding = Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        self.completion.snippets = caps
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false);
        self.state = State::Running;
        let result = lsp::InitializeResult {
            capabilities: capabilities(self.encoding),
            server_info: Some(lsp::ServerInfo {
                name: "corolint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        to_value(result)
    }

    fn dispatch(&mut self, method: &str, params: Value) -> Answer {
        use lsp::request as r;
        let encoding = self.encoding;
        match method {
            r::Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = parse(params)?;
                let doc = document(&self.documents, &p.text_document.uri)?;
                let resolved = self.settings.resolve(doc.path.as_deref());
                let style = formatting::style_of(&resolved.config).map_err(failed)?;
                to_value(formatting::format_document(doc, style, encoding).map_err(failed)?)
            }
            r::RangeFormatting::METHOD => {
                let p: lsp::DocumentRangeFormattingParams = parse(params)?;
                let doc = self.document(&p.text_document.uri)?;
                let span = doc.span(p.range, encoding);
                to_value(formatting::format_range(doc, span, encoding).map_err(failed)?)
            }
            r::HoverRequest::METHOD => {
                let p: lsp::HoverParams = parse(params)?;
                let doc = self.document(&p.text_document_position_params.text_document.uri)?;
                let offset = doc.offset(p.text_document_position_params.position, encoding);
                to_value(hover::hover(doc, offset, encoding))
            }
            r::Completion::METHOD => {
                let p: lsp::CompletionParams = parse(params)?;
                let doc = self.document(&p.text_document_position.text_document.uri)?;
                let offset = doc.offset(p.text_document_position.position, encoding);
                to_value(completion::complete(doc, offset, encoding, self.completion))
            }
            r::CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = parse(params)?;
                let wanted = p.context.only.as_ref().is_none_or(|only| {
                    only.iter().any(|k| lsp::CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
                });
                let doc = document(&self.documents, &p.text_document.uri)?;
                if !wanted {
                    return to_value(Vec::<lsp::CodeAction>::new());
                }
                let resolved = self.settings.resolve(doc.path.as_deref());
                let found = diagnostics::lint_document(doc, &resolved);
                let span = doc.span(p.range, encoding);
                let actions: Vec<lsp::CodeActionOrCommand> = actions::actions(doc, &found, span, &resolved, encoding)
                    .into_iter()
                    .map(lsp::CodeActionOrCommand::CodeAction)
                    .collect();
                to_value(actions)
            }
            r::DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = parse(params)?;
                let doc = self.document(&p.text_document.uri)?;
                to_value(lsp::DocumentSymbolResponse::Nested(symbols::document_symbols(doc, encoding)))
            }
            r::GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = parse(params)?;
                let doc = self.document(&p.text_document_position_params.text_document.uri)?;
                let offset = doc.offset(p.text_document_position_params.position, encoding);
                let found = symbols::definition(doc, offset, encoding);
                if found.is_empty() { Ok(Value::Null) } else { to_value(lsp::GotoDefinitionResponse::Array(found)) }
            }
            other => Err(Failure::new(ErrorCode::MethodNotFound, format!("unsupported request {other}"))),
        }
    }

    fn document(&self, uri: &Url) -> Result<&Document, Failure> {
        document(&self.documents, uri)
    }

    fn on_notification(&mut self, n: Notification) -> std::io::Result<()> {
        use lsp::notification as n_;
        if self.state != State::Running {
            return Ok(());
        }
        let method = n.method.clone();
        let result: Result<(), Failure> = match method.as_str() {
            n_::DidOpenTextDocument::METHOD => parse::<lsp::DidOpenTextDocumentParams>(n.params).map(|p| {
                let doc = Document::new(p.text_document.uri.clone(), p.text_document.version, p.text_document.text);
                self.documents.open(doc);
                self.dirty.insert(p.text_document.uri);
            }),
            n_::DidChangeTextDocument::METHOD => parse::<lsp::DidChangeTextDocumentParams>(n.params).and_then(|p| {
                let uri = p.text_document.uri;
                let doc = self.documents.get_mut(&uri).ok_or_else(|| Failure::unknown_document(&uri))?;
                doc.apply(p.text_document.version, p.content_changes, self.encoding);
                self.dirty.insert(uri);
                Ok(())
            }),
            n_::DidSaveTextDocument::METHOD => parse::<lsp::DidSaveTextDocumentParams>(n.params).map(|p| {
                // A saved `corolint.toml` or local copy may change the findings.
                if self.documents.get(&p.text_document.uri).is_some() {
                    self.dirty.insert(p.text_document.uri);
                }
            }),
            n_::DidCloseTextDocument::METHOD => parse::<lsp::DidCloseTextDocumentParams>(n.params).and_then(|p| {
                let uri = p.text_document.uri;
                self.dirty.remove(&uri);
                if self.documents.close(&uri) { Ok(()) } else { Err(Failure::unknown_document(&uri)) }.map(|()| {
                    // Clear the closed document's diagnostics.
                    self.dirty.insert(uri);
                })
            }),
            _ => Ok(()),
        };
        if let Err(failure) = result {
            log(&format!("notification {method}: {}", failure.message));
        }
        Ok(())
    }

    /// Publishes the diagnostics of every document changed since the last call.
    pub fn publish_dirty(&mut self) -> std::io::Result<()> {
        let dirty = std::mem::take(&mut self.dirty);
        for uri in dirty {
            let (diagnostics, version, error) = match self.documents.get_mut(&uri) {
                None => (Vec::new(), None, None),
                Some(doc) => {
                    let resolved = self.settings.resolve(doc.path.as_deref());
                    doc.set_target(resolved.config.target(None).version);
                    let doc = &*doc;
                    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        diagnostics::publish(doc, &resolved, self.encoding)
                    }));
                    let list = caught.unwrap_or_else(|_| {
                        log(&format!("internal error while checking {uri}"));
                        Vec::new()
                    });
                    (list, Some(doc.version), resolved.error)
                }
            };
            if let Some(error) = error {
                let message = format!("corolint: {error} (using the default settings)");
                if self.shown.insert(message.clone()) {
                    self.show(lsp::MessageType::ERROR, message)?;
                }
            }
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            })?;
        }
        Ok(())
    }
}

/// What the server can do.
pub fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..lsp::TextDocumentSyncOptions::default()
        })),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into()]),
            ..lsp::CompletionOptions::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..lsp::CodeActionOptions::default()
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        ..lsp::ServerCapabilities::default()
    }
}

/// The open document at `uri`, or the error for an unknown one.
fn document<'a>(documents: &'a Documents, uri: &Url) -> Result<&'a Document, Failure> {
    documents.get(uri).ok_or_else(|| Failure::unknown_document(uri))
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| Failure::new(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_value(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| Failure::new(ErrorCode::InternalError, e.to_string()))
}

fn failed(message: String) -> Failure {
    Failure::new(ErrorCode::RequestFailed, message)
}

fn error_response(id: RequestId, failure: Failure) -> Response {
    Response::new_err(id, failure.code as i32, failure.message)
}

/// Writes to the server's log (standard error, which editors keep).
pub fn log(message: &str) {
    eprintln!("corolint server: {message}");
}
