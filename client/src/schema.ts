// Generated from docs/openapi.json by `npm run openapi` (openapi-typescript); do not edit.
export interface paths {
    "/sendMessage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message by email, SMS or WhatsApp
         * @description Logs the message and hands it to the channel provider. Synchronous by default (200 with the outcome); with `Prefer: respond-async` (or a deployment with `DELIVERY_MODE=async`) queued (202). The message is `content` (and an email `subject`), or a `template` of the tenant rendered with `data` (Mustache; HTML-escaped in an email `html` part only): the record keeps `template`, `templateVersion` and what it rendered.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed or undelivered message again, as a new message linked to it
         * @description Sends a new message with the original's channel, recipient, subject and content, as `POST /sendMessage` would (no body; `Prefer: respond-async` honoured). The new record's `resendOf` is the original's id; the original's `resentAs` lists its resends, oldest first. The key needs `messages:read` as well, since the original is read (403 naming the missing scope).
         */
        post: operations["resendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant messages, newest first, filtered and paged
         * @description Besides the parameters below, one `metadata.<key>=<value>` parameter (e.g. `metadata.orderId=123`) lists only the messages sent with that metadata pair; a second one is a 400 naming both.
         */
        get: operations["listMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message */
        get: operations["getMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statuses a message took, oldest first */
        get: operations["listMessageEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Message counts per time bucket, channel and status
         * @description How many of the tenant messages created in each hour or day (UTC) of the range are of each channel and now in each status: the console's overview. Kept as counters moved by the status writes themselves (offline in the same transaction; on AWS from the table's stream, within about a minute), so a range of a year answers without reading the log. The range is widened to whole buckets; counts of zero are left out.
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant keys (never the keys themselves) */
        get: operations["listKeys"];
        put?: never;
        /** Create a key of the caller tenant, within the caller key scopes and limits */
        post: operations["createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key of the tenant (within 60 seconds on AWS) */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/erasures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase every message of the tenant to one recipient
         * @description Runs within the request: each of the tenant's messages to the recipient gets its recipient replaced by a keyed hash (`recipientHash`), its content, subject and error message by `[erased]`, its events' details cleared; its kept idempotency answers are deleted; a message still queued is failed first (`RECIPIENT_ERASED`). Afterwards nothing is found by the recipient on any route. `incomplete`: the request's time ran out first; post the same erasure again to go on.
         */
        post: operations["createErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/erasures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An erasure job: its status and how many messages it erased */
        get: operations["getErasure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller key: its tenant, scopes and limits (any valid key)
         * @description Answers any valid key whatever its scopes, so that a client can tell a wrong key (401) from a key that lacks a route scope. With authentication off, `keyId` and `name` are null, the tenant is `default` and every scope is listed.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant endpoints (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Subscribe an endpoint to status events; its signing secret is shown this once
         * @description The URL must be https:// and resolve only to public addresses (locally, http:// and https:// to this machine are allowed too); a 400 naming `url` says why not. At most 20 endpoints per tenant.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint of the tenant */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint and its deliveries */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change its url, events, description, or enable or disable it
         * @description Enabling an endpoint the service disabled (`disabledReason: FAILING`) forgets its failures.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, shown this once; the old one also signs for 24 hours */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint deliveries, newest first: attempts, last status, latency, error, next retry */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one delivery again now, whatever its state; answers it as that attempt left it */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant suppression list, newest first, filtered and paged */
        get: operations["listSuppressions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suppressions/{recipient}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Suppress a recipient on some channels (added to those it has)
         * @description Adds the channels (default: every channel of the recipient kind: `email` for an address, `sms` and `whatsapp` for a number) to the entry, which is made if absent; the reason (default `manual`) and the source (this key) replace the entry ones. Sends to the recipient on those channels then fail with `RECIPIENT_SUPPRESSED`.
         */
        put: operations["putSuppression"];
        post?: never;
        /** Lift a suppression, on every channel or one */
        delete: operations["liftSuppression"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A template: its latest version, or `?version=`
         * @description A deleted template is still answered, with its `deletedAt`: the messages sent from it name its versions.
         */
        get: operations["getTemplate"];
        /**
         * Store a new version of a template of the tenant
         * @description Every PUT stores a new immutable version (1 for a new name, and after a DELETE the next number: the template is live again). A variant per channel, at least one: email `subject`, `text` and optional `html` (sent multipart), sms `text`, whatsapp `text` or a Meta-approved `metaTemplate` whose body `parameters` are rendered from the data. Every field is a Mustache template (no partials); a field that does not parse is a 400 naming it.
         */
        put: operations["putTemplate"];
        post?: never;
        /** Delete a template: new sends naming it are refused (410); messages sent keep their version */
        delete: operations["deleteTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live templates of the tenant, each its latest version, by name */
        get: operations["listTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/twilio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio status callback
         * @description Called by the provider, authenticated by its signature; 404 until its secret is set.
         */
        post: operations["twilioReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/twilio/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio inbound message: STOP and START keywords
         * @description The Twilio number's incoming-message webhook, signed as the status callback. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (any case, spaces ignored) suppress the sender on SMS in the deployment inbound tenant (`TWILIO_INBOUND_TENANT`); START and UNSTOP lift that. 404 until `TWILIO_AUTH_TOKEN` is set.
         */
        post: operations["twilioInbound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Meta verification challenge
         * @description Called by the provider, authenticated by its signature; 404 until its secret is set.
         */
        get: operations["metaChallenge"];
        put?: never;
        /**
         * Meta (WhatsApp Cloud API) status webhook
         * @description Called by the provider, authenticated by its signature; 404 until its secret is set.
         */
        post: operations["metaReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/ses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * SES events through SNS
         * @description Called by the provider, authenticated by its signature; 404 until its secret is set.
         */
        post: operations["sesReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        EmailRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "email";
            /** @description An email address (no display name, at most 254 characters); stored with its domain lower-cased */
            recipient: string;
            content?: string;
            subject?: string;
            metadata?: {
                [key: string]: string;
            };
            /** @description A template of the tenant to render the message from, instead of `content` (and `subject`) */
            template?: string;
            templateVersion?: number;
            /** @description The template's data: a JSON object of at most 16384 bytes and 5 levels; every name the template uses must be in it */
            data?: {
                [key: string]: unknown;
            };
        } & (unknown | unknown);
        SmsRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sms";
            /** @description A phone number in E.164 format, e.g. +14155550123; stored normalized */
            recipient: string;
            content?: string;
            metadata?: {
                [key: string]: string;
            };
            /** @description A template of the tenant to render the message from, instead of `content` (and `subject`) */
            template?: string;
            templateVersion?: number;
            /** @description The template's data: a JSON object of at most 16384 bytes and 5 levels; every name the template uses must be in it */
            data?: {
                [key: string]: unknown;
            };
        } & (unknown | unknown);
        WhatsappRequest: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "whatsapp";
            /** @description A phone number in E.164 format, e.g. +14155550123; stored normalized */
            recipient: string;
            content?: string;
            metadata?: {
                [key: string]: string;
            };
            /** @description A template of the tenant to render the message from, instead of `content` (and `subject`) */
            template?: string;
            templateVersion?: number;
            /** @description The template's data: a JSON object of at most 16384 bytes and 5 levels; every name the template uses must be in it */
            data?: {
                [key: string]: unknown;
            };
        } & (unknown | unknown);
        NewKeyRequest: {
            name: string;
            scopes: ("messages:send" | "messages:read" | "keys:manage" | "webhooks:manage" | "suppressions:manage" | "privacy:manage" | "templates:manage")[];
            limits?: {
                perSecond?: number | null;
                perDay?: number | null;
            };
        };
        TemplateRequest: {
            description?: string;
            email?: {
                subject: string;
                text: string;
                html?: string;
            };
            sms?: {
                text: string;
            };
            whatsapp?: {
                text: string;
            } | {
                metaTemplate: {
                    name: string;
                    language: string;
                    /** @default [] */
                    parameters: string[];
                };
            };
        };
        NewWebhookEndpointRequest: {
            url: string;
            events: ("message.queued" | "message.sent" | "message.failed" | "message.delivered" | "message.undelivered" | "*")[];
            description?: string;
        };
        WebhookEndpointPatch: {
            url?: string;
            events?: ("message.queued" | "message.sent" | "message.failed" | "message.delivered" | "message.undelivered" | "*")[];
            enabled?: boolean;
            description?: string;
        };
        SuppressionRequest: {
            channels?: ("email" | "sms" | "whatsapp")[];
            /**
             * @default manual
             * @enum {string}
             */
            reason: "bounce" | "complaint" | "unsubscribe" | "manual";
        };
        ErasureRequest: {
            recipient: string;
        };
        MessageRecord: {
            id: string;
            tenant: string;
            /** @enum {string} */
            type: "email" | "sms" | "whatsapp";
            recipient: string;
            subject: string | null;
            content: string;
            /** @enum {string} */
            status: "pending" | "queued" | "sending" | "sent" | "failed" | "delivered" | "undelivered";
            provider: string | null;
            providerMessageId: string | null;
            error: {
                code: string;
                message: string;
                retryable: boolean;
            } | null;
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            resendOf?: string;
            resentAs?: string[];
            metadata?: {
                [key: string]: string;
            };
            contentDigest?: {
                length: number;
                sha256: string;
            };
            template?: string;
            templateVersion?: number;
            html?: string;
            metaTemplate?: {
                name: string;
                language: string;
                parameters: string[];
            };
        };
        MessagePage: {
            items: components["schemas"]["MessageRecord"][];
            nextCursor: string | null;
        };
        MessageEvents: {
            messageId: string;
            items: {
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                status: "pending" | "queued" | "sending" | "sent" | "failed" | "delivered" | "undelivered";
                provider: string | null;
                detail: string | null;
            }[];
        };
        KeyView: {
            id: string;
            name: string;
            tenant: string;
            scopes: ("messages:send" | "messages:read" | "keys:manage" | "webhooks:manage" | "suppressions:manage" | "privacy:manage" | "templates:manage")[];
            limits: {
                perSecond: number | null;
                perDay: number | null;
            };
            /** Format: date-time */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        NewKeyAnswer: {
            apiKey: string;
            key: components["schemas"]["KeyView"];
        };
        KeyList: {
            items: components["schemas"]["KeyView"][];
        };
        CallerView: {
            keyId: string | null;
            name: string | null;
            tenant: string;
            scopes: ("messages:send" | "messages:read" | "keys:manage" | "webhooks:manage" | "suppressions:manage" | "privacy:manage" | "templates:manage")[];
            limits: {
                perSecond: number | null;
                perDay: number | null;
            };
            /** @enum {string} */
            authentication: "required" | "off";
        };
        TemplateRecord: {
            tenant: string;
            name: string;
            version: number;
            content: {
                description?: string;
                email?: {
                    subject: string;
                    text: string;
                    html?: string;
                };
                sms?: {
                    text: string;
                };
                whatsapp?: {
                    text: string;
                } | {
                    metaTemplate: {
                        name: string;
                        language: string;
                        /** @default [] */
                        parameters: string[];
                    };
                };
            };
            /** Format: date-time */
            createdAt: string;
            deletedAt: string | null;
        };
        TemplatePage: {
            items: components["schemas"]["TemplateRecord"][];
            nextCursor: string | null;
        };
        StatsAnswer: {
            /** @enum {string} */
            granularity: "hour" | "day";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            items: {
                /** Format: date-time */
                bucket: string;
                /** @enum {string} */
                channel: "email" | "sms" | "whatsapp";
                /** @enum {string} */
                status: "pending" | "queued" | "sending" | "sent" | "failed" | "delivered" | "undelivered";
                count: number;
            }[];
        };
        Suppression: {
            recipient: string;
            channels: ("email" | "sms" | "whatsapp")[];
            /** @enum {string} */
            reason: "bounce" | "complaint" | "unsubscribe" | "manual";
            source: {
                provider: string | null;
                keyId: string | null;
                messageId: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SuppressionPage: {
            items: components["schemas"]["Suppression"][];
            nextCursor: string | null;
        };
        SuppressionLifted: {
            recipient: string;
            remaining: components["schemas"]["Suppression"] | null;
        };
        ErasureJob: {
            id: string;
            tenant: string;
            /** @enum {string} */
            status: "completed" | "incomplete";
            erased: number;
            recipientHash: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            completedAt: string;
        };
        ErrorBody: {
            error: {
                code: string;
                message: string;
                details?: {
                    field: string;
                    message: string;
                }[];
                requestId: string;
                supportedTypes?: string[];
                requiredScope?: string;
                retryable?: boolean;
            };
            message?: components["schemas"]["MessageRecord"];
        };
        WebhookEndpoint: {
            id: string;
            tenant: string;
            url: string;
            events: ("message.queued" | "message.sent" | "message.failed" | "message.delivered" | "message.undelivered" | "*")[];
            description: string | null;
            enabled: boolean;
            disabledReason: string | null;
            failingSince: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
        };
        NewWebhookEndpointAnswer: {
            endpoint: components["schemas"]["WebhookEndpoint"];
            secret: string;
        };
        RotatedSecretAnswer: {
            secret: string;
            /** Format: date-time */
            previousSecretExpiresAt: string;
        };
        WebhookDelivery: {
            id: string;
            endpointId: string;
            tenant: string;
            eventId: string;
            /** @enum {string} */
            eventType: "message.queued" | "message.sent" | "message.failed" | "message.delivered" | "message.undelivered";
            messageId: string;
            /** @enum {string} */
            state: "pending" | "succeeded" | "failed";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            lastLatencyMs: number | null;
            nextAttemptAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        WebhookEvent: {
            id: string;
            /** @enum {string} */
            type: "message.queued" | "message.sent" | "message.failed" | "message.delivered" | "message.undelivered";
            /** Format: date-time */
            createdAt: string;
            data: components["schemas"]["MessageRecord"];
        };
        Received: {
            /** @constant */
            received: true;
        };
        SendMessageRequest: components["schemas"]["EmailRequest"] | components["schemas"]["SmsRequest"] | components["schemas"]["WhatsappRequest"];
    };
    responses: {
        /** @description The request headers are larger than 16 KiB */
        HeadersTooLarge: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "HEADERS_TOO_LARGE",
                 *         "message": "An error answered 431",
                 *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                 *       }
                 *     }
                 */
                "application/json": {
                    error: {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        message: string;
                        details?: {
                            field: string;
                            message: string;
                        }[];
                        requestId: string;
                        supportedTypes?: string[];
                        requiredScope?: string;
                        retryable?: boolean;
                    };
                    message?: components["schemas"]["MessageRecord"];
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request id, also on every log line about the request */
        RequestId: string;
        /** @description Seconds until the rate limit window ends */
        RetryAfter: string;
        /** @description The methods the path answers */
        Allow: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    sendMessage: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the call safe to retry: the same key with the same body answers the first answer (with `Idempotent-Replayed: true`) without sending again. Kept 24 hours, per tenant.
                 * @example 5f0c6f0e-8a4b-4c39-9a4e-1f8c8d0c2b7a
                 */
                "Idempotency-Key"?: string;
                /**
                 * @description `respond-async`: queue the message and answer 202 at once
                 * @example respond-async
                 */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /** @description Sent: the record, `sent` */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description `true` on an answer replayed for a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRecord"];
                };
            };
            /** @description Queued: the record, `queued` */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description The message: `/messages/{id}` */
                    Location?: string;
                    /** @description `respond-async` when asked for */
                    "Preference-Applied"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRecord"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "UNSUPPORTED_TYPE" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "TEMPLATE_NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "TEMPLATE_NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The idempotency key was used with another body, or its first request is still running; (resend) the message is not failed or undelivered */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "IDEMPOTENCY_CONFLICT",
                     *         "message": "An error answered 409",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The template was deleted: it renders no new message */
            410: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "TEMPLATE_DELETED",
                     *         "message": "An error answered 410",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "TEMPLATE_DELETED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The provider rejected the message for good; `message` is the failed record */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PROVIDER_REJECTED",
                     *         "message": "An error answered 422",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PROVIDER_REJECTED" | "RECIPIENT_SUPPRESSED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The provider could not take the message now; worth retrying (`message` is the failed record) */
            502: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PROVIDER_UNAVAILABLE",
                     *         "message": "An error answered 502",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PROVIDER_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "LOG_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "LOG_UNAVAILABLE" | "QUEUE_UNAVAILABLE" | "IDEMPOTENCY_UNAVAILABLE" | "SUPPRESSIONS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    resendMessage: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the call safe to retry: the same key with the same message id answers the first answer (with `Idempotent-Replayed: true`) without sending again. Kept 24 hours, per tenant.
                 * @example 5f0c6f0e-8a4b-4c39-9a4e-1f8c8d0c2b7a
                 */
                "Idempotency-Key"?: string;
                /**
                 * @description `respond-async`: queue the new message and answer 202 at once
                 * @example respond-async
                 */
                Prefer?: string;
            };
            path: {
                /**
                 * @description The message's id
                 * @example 01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sent: the new record, `sent`, with `resendOf` */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description `true` on an answer replayed for a repeated Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRecord"];
                };
            };
            /** @description Queued: the new record, `queued`, with `resendOf` */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description The new message: `/messages/{id}` */
                    Location?: string;
                    /** @description `respond-async` when asked for */
                    "Preference-Applied"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRecord"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The idempotency key was used with another body, or its first request is still running; (resend) the message is not failed or undelivered */
            409: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_RESENDABLE",
                     *         "message": "An error answered 409",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_RESENDABLE" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The provider rejected the message for good; `message` is the failed record */
            422: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PROVIDER_REJECTED",
                     *         "message": "An error answered 422",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PROVIDER_REJECTED" | "RECIPIENT_SUPPRESSED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The provider could not take the message now; worth retrying (`message` is the failed record) */
            502: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PROVIDER_UNAVAILABLE",
                     *         "message": "An error answered 502",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PROVIDER_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "LOG_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "LOG_UNAVAILABLE" | "QUEUE_UNAVAILABLE" | "IDEMPOTENCY_UNAVAILABLE" | "SUPPRESSIONS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /**
                 * @description Only this channel
                 * @example email
                 */
                type?: "email" | "sms" | "whatsapp";
                /**
                 * @description Only this status
                 * @example sent
                 */
                status?: "pending" | "queued" | "sending" | "sent" | "failed" | "delivered" | "undelivered";
                /**
                 * @description Only this recipient (normalized as sends are)
                 * @example user@example.com
                 */
                recipient?: string;
                /** @description Created at or after this ISO-8601 instant or date */
                from?: string;
                /** @description Created before this ISO-8601 instant or date (after `from`) */
                to?: string;
                /**
                 * @description Page size, 1 to 100
                 * @example 20
                 */
                limit?: number;
                /** @description The previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagePage"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The message's id
                 * @example 01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageRecord"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listMessageEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The message's id
                 * @example 01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageEvents"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getStats: {
        parameters: {
            query: {
                /**
                 * @description Messages created at or after this ISO-8601 instant or date (down to its bucket start)
                 * @example 2026-11-27T09:00:00Z
                 */
                from: string;
                /**
                 * @description Messages created before this ISO-8601 instant or date (up to its bucket end); at most 744 hours or 366 days after `from`
                 * @example 2026-11-27T11:00:00Z
                 */
                to: string;
                /**
                 * @description The buckets' width: an hour or a day (UTC); the answer's `granularity`
                 * @example hour
                 */
                bucket?: "hour" | "day";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts of the range */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsAnswer"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "STATS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "STATS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyList"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    createKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewKeyRequest"];
            };
        };
        responses: {
            /** @description The key record, and the key itself, shown this once only */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewKeyAnswer"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The key's id
                 * @example k01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyView"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    createErasure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasureRequest"];
            };
        };
        responses: {
            /** @description The erasure job, done */
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureJob"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getErasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The erasure's id
                 * @example 01JDQ7Y3ZK8W6V5T4S3R2Q1P0P
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The erasure job */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureJob"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallerView"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint, and its secret, shown this once only */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewWebhookEndpointAnswer"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint as it was */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPatch"];
            };
        };
        responses: {
            /** @description The endpoint as changed */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecretAnswer"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 */
                limit?: number;
                /** @description The previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The webhook endpoint's id
                 * @example we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N
                 */
                id: string;
                /**
                 * @description The delivery's id
                 * @example 01JDQ7Y3ZK8W6V5T4S3R2Q1P0Q
                 */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery after the attempt */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment */
            503: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "WEBHOOKS_UNAVAILABLE",
                     *         "message": "An error answered 503",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "WEBHOOKS_UNAVAILABLE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listSuppressions: {
        parameters: {
            query?: {
                /** @description Only this recipient (an email address or E.164 number) */
                recipient?: string;
                /** @description Only entries covering this channel */
                channel?: "email" | "sms" | "whatsapp";
                /** @description Only this reason (bounce, complaint, unsubscribe, manual) */
                reason?: "bounce" | "complaint" | "unsubscribe" | "manual";
                /** @description Page size, 1 to 100 */
                limit?: number;
                /** @description The previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuppressionPage"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    putSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An email address (lower-cased) or an E.164 phone number, percent-encoded (`+` as `%2B`)
                 * @example +14155550123
                 */
                recipient: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuppressionRequest"];
            };
        };
        responses: {
            /** @description The entry as it now is */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suppression"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    liftSuppression: {
        parameters: {
            query?: {
                /** @description Lift this channel only; the entry stays for the others */
                channel?: "email" | "sms" | "whatsapp";
            };
            header?: never;
            path: {
                /**
                 * @description An email address (lower-cased) or an E.164 phone number, percent-encoded (`+` as `%2B`)
                 * @example +14155550123
                 */
                recipient: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What is left of the entry (`remaining` null: the recipient is no longer suppressed) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuppressionLifted"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getTemplate: {
        parameters: {
            query?: {
                /**
                 * @description A version; the latest by default
                 * @example 1
                 */
                version?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The template's name: lower-case letters, digits, `.`, `_`, `-`
                 * @example password-reset
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateRecord"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    putTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The template's name: lower-case letters, digits, `.`, `_`, `-`
                 * @example password-reset
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateRequest"];
            };
        };
        responses: {
            /** @description The version stored */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateRecord"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR" | "INVALID_JSON";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "PAYLOAD_TOO_LARGE",
                     *         "message": "An error answered 413",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "PAYLOAD_TOO_LARGE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    deleteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The template's name: lower-case letters, digits, `.`, `_`, `-`
                 * @example password-reset
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest version, deleted */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateRecord"];
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    listTemplates: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 */
                limit?: number;
                /** @description The previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplatePage"];
                };
            };
            /** @description The request is invalid; `details` names each failing field and why */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "An error answered 400",
                     *         "details": [
                     *           {
                     *             "field": "recipient",
                     *             "message": "is required"
                     *           }
                     *         ],
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "VALIDATION_ERROR";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description No key, or a malformed, unknown or revoked one */
            401: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNAUTHORIZED",
                     *         "message": "An error answered 401",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNAUTHORIZED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "FORBIDDEN",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "FORBIDDEN";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The key is over its rate limit; `Retry-After` says when to try again */
            429: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "THROTTLED",
                     *         "message": "An error answered 429",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "THROTTLED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    twilioReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": Record<string, never>;
                "application/json": Record<string, never>;
                "text/plain": string;
            };
        };
        responses: {
            /** @description The receipt is taken (or ignored, if late or unknown) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Received"];
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INVALID_SIGNATURE",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INVALID_SIGNATURE" | "VERIFICATION_FAILED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Method not allowed here; `Allow` lists those that are */
            405: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    Allow: components["headers"]["Allow"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "METHOD_NOT_ALLOWED",
                     *         "message": "An error answered 405",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "METHOD_NOT_ALLOWED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    twilioInbound: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": Record<string, never>;
            };
        };
        responses: {
            /** @description Empty TwiML: no reply (Twilio sends its own opt-out confirmations) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example <Response/> */
                    "text/xml": string;
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INVALID_SIGNATURE",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INVALID_SIGNATURE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Method not allowed here; `Allow` lists those that are */
            405: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    Allow: components["headers"]["Allow"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "METHOD_NOT_ALLOWED",
                     *         "message": "An error answered 405",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "METHOD_NOT_ALLOWED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    metaChallenge: {
        parameters: {
            query: {
                /** @example subscribe */
                "hub.mode": string;
                /** @example my-verify-token */
                "hub.verify_token": string;
                /** @example 1158201444 */
                "hub.challenge": string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The challenge, echoed */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example 1158201444 */
                    "text/plain": string;
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INVALID_SIGNATURE",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INVALID_SIGNATURE" | "VERIFICATION_FAILED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Method not allowed here; `Allow` lists those that are */
            405: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    Allow: components["headers"]["Allow"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "METHOD_NOT_ALLOWED",
                     *         "message": "An error answered 405",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "METHOD_NOT_ALLOWED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    metaReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": Record<string, never>;
                "application/json": Record<string, never>;
                "text/plain": string;
            };
        };
        responses: {
            /** @description The receipt is taken (or ignored, if late or unknown) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Received"];
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INVALID_SIGNATURE",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INVALID_SIGNATURE" | "VERIFICATION_FAILED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Method not allowed here; `Allow` lists those that are */
            405: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    Allow: components["headers"]["Allow"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "METHOD_NOT_ALLOWED",
                     *         "message": "An error answered 405",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "METHOD_NOT_ALLOWED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    sesReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": Record<string, never>;
                "application/json": Record<string, never>;
                "text/plain": string;
            };
        };
        responses: {
            /** @description The receipt is taken (or ignored, if late or unknown) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Received"];
                };
            };
            /** @description The key lacks the route scope, or (webhooks) the signature does not verify */
            403: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INVALID_SIGNATURE",
                     *         "message": "An error answered 403",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INVALID_SIGNATURE" | "VERIFICATION_FAILED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist */
            404: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "NOT_FOUND",
                     *         "message": "An error answered 404",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "NOT_FOUND";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description Method not allowed here; `Allow` lists those that are */
            405: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    Allow: components["headers"]["Allow"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "METHOD_NOT_ALLOWED",
                     *         "message": "An error answered 405",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "METHOD_NOT_ALLOWED";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "UNSUPPORTED_MEDIA_TYPE",
                     *         "message": "An error answered 415",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "UNSUPPORTED_MEDIA_TYPE";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            /** @description An unexpected fault; quote the requestId when reporting it */
            500: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "INTERNAL",
                     *         "message": "An error answered 500",
                     *         "requestId": "9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e"
                     *       }
                     *     }
                     */
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "INTERNAL";
                            message: string;
                            details?: {
                                field: string;
                                message: string;
                            }[];
                            requestId: string;
                            supportedTypes?: string[];
                            requiredScope?: string;
                            retryable?: boolean;
                        };
                        message?: components["schemas"]["MessageRecord"];
                    };
                };
            };
        };
    };
}
