import DunGateways
import Testing

struct TwilioSignatureTests {
    // Twilio's published request-validation example (auth token 12345).
    private let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    private let parameters = [
        ("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"),
        ("From", "+14158675309"), ("To", "+18005551212"),
    ]

    @Test func matchesTwilioPublishedExample() {
        let signer = TwilioSignature(authToken: "12345")
        #expect(signer.signature(url: self.url, parameters: self.parameters) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        #expect(
            signer.isValid(
                signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                url: self.url,
                parameters: self.parameters.reversed()
            )
        )
    }

    @Test func rejectsTamperingMissingAndWrongToken() {
        let signer = TwilioSignature(authToken: "12345")
        let good = "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        var tampered = self.parameters
        tampered[2] = ("Digits", "9999")
        #expect(!signer.isValid(signature: good, url: self.url, parameters: tampered))
        #expect(!signer.isValid(signature: good, url: self.url + "&x=1", parameters: self.parameters))
        #expect(!signer.isValid(signature: nil, url: self.url, parameters: self.parameters))
        #expect(!signer.isValid(signature: "", url: self.url, parameters: self.parameters))
        #expect(
            !TwilioSignature(authToken: "54321").isValid(signature: good, url: self.url, parameters: self.parameters)
        )
    }

    @Test func formEncodingRoundTrips() {
        let parameters = [("To", "+15551234567"), ("Body", "Hi & bye = 100% ✓"), ("Empty", "")]
        let encoded = FormEncoding.encode(parameters)
        #expect(encoded == "To=%2B15551234567&Body=Hi%20%26%20bye%20%3D%20100%25%20%E2%9C%93&Empty=")
        let decoded = FormEncoding.decode(encoded)
        #expect(decoded.map(\.0) == parameters.map(\.0))
        #expect(decoded.map(\.1) == parameters.map(\.1))
        #expect(FormEncoding.decode("a=b+c&d").map(\.1) == ["b c", ""])
    }
}
