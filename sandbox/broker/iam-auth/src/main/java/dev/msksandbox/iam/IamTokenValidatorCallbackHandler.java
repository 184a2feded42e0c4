package dev.msksandbox.iam;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker-side check of the AWS IAM tokens that Amazon MSK accepts on its IAM listeners
 * (SASL/OAUTHBEARER). A token is the base64url encoding of a SigV4 presigned URL
 *
 * <pre>https://kafka.REGION.amazonaws.com/?Action=kafka-cluster%3AConnect&amp;X-Amz-Algorithm=AWS4-HMAC-SHA256
 *   &amp;X-Amz-Credential=AKID%2FYYYYMMDD%2FREGION%2Fkafka-cluster%2Faws4_request&amp;X-Amz-Date=...
 *   &amp;X-Amz-Expires=900&amp;X-Amz-SignedHeaders=host&amp;X-Amz-Signature=...&amp;User-Agent=...</pre>
 *
 * as made by aws-msk-iam-sasl-signer-js (and the Java/Python/Go signers). The User-Agent
 * parameter is added after signing, so it is not part of the signature.
 *
 * <p>The handler recomputes the signature with the secret key the sandbox issued for the access
 * key id, checks the credential scope and the validity window, and maps the access key to its
 * Kafka principal. The session lifetime it reports is min(token expiry, now + session lifetime),
 * which makes the broker demand KIP-368 re-authentication.
 *
 * <p>JAAS options (listener.name.X.oauthbearer.sasl.jaas.config): {@code principalsFile} (a
 * properties file: {@code AKID.secret=...}, {@code AKID.principal=...}), {@code region},
 * {@code sessionLifetimeSeconds}, {@code clockSkewSeconds}.
 */
public class IamTokenValidatorCallbackHandler implements AuthenticateCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(IamTokenValidatorCallbackHandler.class);

    static final String SERVICE = "kafka-cluster";
    static final String ACTION = "kafka-cluster:Connect";
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** SHA-256 of the empty payload: the presigned GET has no body. */
    static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final long MAX_PRESIGNED_SECONDS = 7L * 24 * 3600;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Path principalsFile;
    private String region = "us-east-1";
    private long sessionLifetimeSeconds = 60;
    private long clockSkewSeconds = 60;

    private final Object lock = new Object();
    private FileTime loadedMtime;
    private Map<String, Principal> principals = Collections.emptyMap();

    static final class Principal {
        final String name;
        final String secret;

        Principal(String name, String secret) {
            this.name = name;
            this.secret = secret;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        if (!"OAUTHBEARER".equals(saslMechanism)) {
            throw new IllegalArgumentException("The IAM token check only serves OAUTHBEARER, not " + saslMechanism);
        }
        Map<String, ?> options = jaasConfigEntries.isEmpty() ? Map.of() : jaasConfigEntries.get(0).getOptions();
        Object file = options.get("principalsFile");
        if (file == null || file.toString().isEmpty()) {
            throw new IllegalArgumentException("The IAM token check needs the JAAS option principalsFile");
        }
        principalsFile = Paths.get(file.toString());
        if (options.get("region") != null) region = options.get("region").toString();
        if (options.get("sessionLifetimeSeconds") != null) {
            sessionLifetimeSeconds = Long.parseLong(options.get("sessionLifetimeSeconds").toString());
        }
        if (options.get("clockSkewSeconds") != null) {
            clockSkewSeconds = Long.parseLong(options.get("clockSkewSeconds").toString());
        }
        if (sessionLifetimeSeconds <= 0) throw new IllegalArgumentException("sessionLifetimeSeconds must be > 0");
        loadPrincipals();
        log.info("IAM token check ready: region {}, session lifetime {}s, {} access key(s) from {}",
                region, sessionLifetimeSeconds, principals.size(), principalsFile);
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerValidatorCallback) {
                OAuthBearerValidatorCallback validator = (OAuthBearerValidatorCallback) callback;
                // A refusal is thrown as SaslAuthenticationException: Kafka sends its message to the client.
                validator.token(validate(validator.tokenValue(), System.currentTimeMillis()));
            } else if (callback instanceof OAuthBearerExtensionsValidatorCallback) {
                // MSK clients send no SASL extensions; any that come are neither validated nor refused,
                // which makes Kafka ignore them.
                continue;
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {}

    /** Validates one token; returns the authenticated session or throws a refusal with its reason. */
    OAuthBearerToken validate(String tokenValue, long nowMs) {
        String url = decodeToken(tokenValue);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refuse("the token is not a presigned URL");
        }
        String expectedHost = "kafka." + region + ".amazonaws.com";
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw refuse("the token is not an https presigned URL");
        }
        String host = uri.getRawAuthority().toLowerCase();
        if (!expectedHost.equals(host)) {
            throw refuse("the token was signed for host " + host + ", expected " + expectedHost);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!"/".equals(path)) throw refuse("the token's URL path must be /");

        Map<String, String> query = parseQuery(uri.getRawQuery());
        String action = required(query, "Action");
        if (!ACTION.equals(action)) throw refuse("the token's Action is " + action + ", expected " + ACTION);
        String algorithm = required(query, "X-Amz-Algorithm");
        if (!ALGORITHM.equals(algorithm)) throw refuse("unsupported signature algorithm " + algorithm);
        if (query.containsKey("X-Amz-Security-Token")) {
            throw refuse("the sandbox issues no temporary credentials; X-Amz-Security-Token is not accepted");
        }
        String signedHeaders = required(query, "X-Amz-SignedHeaders");
        if (!"host".equals(signedHeaders)) {
            throw refuse("the token must sign exactly the host header, it signs " + signedHeaders);
        }

        // X-Amz-Credential = AKID/YYYYMMDD/region/kafka-cluster/aws4_request
        String credential = required(query, "X-Amz-Credential");
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) throw refuse("malformed X-Amz-Credential");
        String accessKeyId = parts[0];
        String scopeDate = parts[1];
        String scopeRegion = parts[2];
        String scopeService = parts[3];
        if (!"aws4_request".equals(parts[4])) throw refuse("malformed credential scope (no aws4_request)");
        if (!SERVICE.equals(scopeService)) {
            throw refuse("the token was signed for service " + scopeService + ", expected " + SERVICE);
        }
        if (!region.equals(scopeRegion)) {
            throw refuse("the token was signed for region " + scopeRegion + ", this cluster is in " + region);
        }

        String amzDate = required(query, "X-Amz-Date");
        long signedAtMs;
        try {
            signedAtMs = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw refuse("malformed X-Amz-Date " + amzDate);
        }
        if (!amzDate.startsWith(scopeDate)) {
            throw refuse("the credential scope date " + scopeDate + " does not match X-Amz-Date " + amzDate);
        }
        long expiresSeconds;
        try {
            expiresSeconds = (long) Math.floor(Double.parseDouble(required(query, "X-Amz-Expires")));
        } catch (NumberFormatException e) {
            throw refuse("malformed X-Amz-Expires");
        }
        if (expiresSeconds <= 0 || expiresSeconds > MAX_PRESIGNED_SECONDS) {
            throw refuse("X-Amz-Expires must be between 1 and " + MAX_PRESIGNED_SECONDS + " seconds");
        }

        Principal principal = lookup(accessKeyId);
        if (principal == null) {
            throw refuse("the access key id " + accessKeyId + " is not known to this cluster");
        }

        String canonicalRequest = "GET\n/\n" + canonicalQuery(query) + "\nhost:" + host + "\n\nhost\n" + EMPTY_PAYLOAD_SHA256;
        String scope = scopeDate + "/" + scopeRegion + "/" + scopeService + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + principal.secret).getBytes(StandardCharsets.UTF_8), scopeDate);
        key = hmac(key, scopeRegion);
        key = hmac(key, scopeService);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        String given = required(query, "X-Amz-Signature").toLowerCase();
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw refuse("the signature does not match: the token was not signed with the secret key of "
                    + accessKeyId + ", or it was altered after signing");
        }

        long skewMs = clockSkewSeconds * 1000;
        if (signedAtMs - skewMs > nowMs) {
            throw refuse("the token is signed for " + Instant.ofEpochMilli(signedAtMs)
                    + ", in the future (check the client's clock)");
        }
        long expiresAtMs = signedAtMs + expiresSeconds * 1000;
        if (nowMs > expiresAtMs + skewMs) {
            throw refuse("the token expired at " + Instant.ofEpochMilli(expiresAtMs) + " (signed "
                    + Instant.ofEpochMilli(signedAtMs) + ", valid " + expiresSeconds + "s)");
        }

        long lifetimeMs = Math.min(Math.max(expiresAtMs, nowMs + 1000), nowMs + sessionLifetimeSeconds * 1000);
        log.debug("IAM token of access key {} accepted as User:{}, session valid until {}",
                accessKeyId, principal.name, Instant.ofEpochMilli(lifetimeMs));
        return new Session(tokenValue, principal.name, signedAtMs, lifetimeMs);
    }

    static String decodeToken(String tokenValue) {
        if (tokenValue == null || tokenValue.isEmpty()) throw refuse("the token is empty");
        String t = tokenValue.trim();
        // base64url; padding may or may not be there.
        while (t.endsWith("=")) t = t.substring(0, t.length() - 1);
        try {
            return new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refuse("the token is not base64url");
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) throw refuse("the token's URL has no query");
        Map<String, String> out = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            String key = percentDecode(k);
            if (out.put(key, percentDecode(v)) != null) throw refuse("the token repeats the parameter " + key);
        }
        return out;
    }

    private static String percentDecode(String s) {
        try {
            // SigV4 encodes spaces as %20, so a literal '+' must stay a '+'.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refuse("the token's URL has a malformed escape");
        }
    }

    /** Every query parameter except the signature and the User-Agent (added after signing), sorted. */
    static String canonicalQuery(Map<String, String> query) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().equals("X-Amz-Signature") || e.getKey().equals("User-Agent")) continue;
            sorted.put(uriEncode(e.getKey()), uriEncode(e.getValue()));
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 0) sb.append('&');
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** RFC 3986 encoding as SigV4 uses it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
    static String uriEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) throw refuse("the token has no " + name + " parameter");
        return v;
    }

    private Principal lookup(String accessKeyId) {
        synchronized (lock) {
            try {
                FileTime mtime = Files.getLastModifiedTime(principalsFile);
                if (!mtime.equals(loadedMtime)) loadPrincipals();
            } catch (IOException e) {
                log.warn("Cannot read the IAM principals file {}: {}", principalsFile, e.toString());
            }
            return principals.get(accessKeyId);
        }
    }

    private void loadPrincipals() {
        synchronized (lock) {
            Properties props = new Properties();
            FileTime mtime;
            try (InputStream in = Files.newInputStream(principalsFile)) {
                mtime = Files.getLastModifiedTime(principalsFile);
                props.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the IAM principals file " + principalsFile, e);
            }
            Map<String, Principal> next = new HashMap<>();
            for (String name : props.stringPropertyNames()) {
                if (!name.endsWith(".principal")) continue;
                String akid = name.substring(0, name.length() - ".principal".length());
                String secret = props.getProperty(akid + ".secret");
                if (secret != null) next.put(akid, new Principal(props.getProperty(name), secret));
            }
            principals = next;
            loadedMtime = mtime;
        }
    }

    private static SaslAuthenticationException refuse(String reason) {
        log.info("IAM authentication refused: {}", reason);
        return new SaslAuthenticationException("Access denied (IAM): " + reason);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return sb.toString();
    }

    /** The authenticated IAM session handed to Kafka. */
    static final class Session implements OAuthBearerToken {
        private final String value;
        private final String principalName;
        private final long startTimeMs;
        private final long lifetimeMs;

        Session(String value, String principalName, long startTimeMs, long lifetimeMs) {
            this.value = value;
            this.principalName = principalName;
            this.startTimeMs = startTimeMs;
            this.lifetimeMs = lifetimeMs;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public Set<String> scope() {
            return Collections.emptySet();
        }

        @Override
        public long lifetimeMs() {
            return lifetimeMs;
        }

        @Override
        public String principalName() {
            return principalName;
        }

        @Override
        public Long startTimeMs() {
            return startTimeMs;
        }
    }
}
