import Testing

@testable import EmissionInventory

@Suite struct PollutantRegistryTests {
    @Test func registryHoldsTheElevenPollutantsInOrder() {
        #expect(
            Pollutant.allCases.map(\.id) == [
                "SO2", "NOx", "VOCs", "PM", "PM10", "PM2.5", "CO", "NH3", "COD", "NH3-N", "CO2",
            ])
        #expect(Pollutant.allCases.map(\.index) == Array(0..<11))
    }

    @Test func namesAndMedia() {
        #expect(Pollutant.so2.name.zh == "二氧化硫")
        #expect(Pollutant.nh3n.name.zh == "氨氮")
        #expect(Pollutant.cod.medium == .water)
        #expect(Pollutant.co2.medium == .climate)
        #expect(Pollutant.nox.basis?.en == "as NO2")
    }

    @Test func yamlIDsAreCaseSensitiveAndCSVHeadersAreNot() {
        #expect(Pollutant(id: "nox") == nil)
        #expect(Pollutant(id: "NOx") == .nox)
        #expect(Pollutant(caseInsensitiveID: "nh3-n") == .nh3n)
        #expect(Pollutant(caseInsensitiveID: "pm2.5") == .pm25)
    }
}

@Suite struct MassUnitTests {
    @Test(arguments: [
        ("12", 12.0), ("12 t", 12), ("3.5 万t", 35_000), ("3.5万吨", 35_000), ("2 Mt", 2e6),
        ("250 kg", 0.25), ("1.5 kt", 1_500), ("1e3 t", 1_000),
    ])
    func convertsToTonnes(text: String, tonnes: Double) {
        #expect(QuantityText.parseMass(text, defaultUnit: .tonne) == .value(tonnes))
    }

    @Test func bareNumbersTakeTheDefaultUnit() {
        #expect(QuantityText.parseMass("2", defaultUnit: .kilotonne) == .value(2_000))
    }

    @Test func unknownUnitsAndBadNumbersAreReported() {
        #expect(QuantityText.parseMass("5 lbs", defaultUnit: .tonne) == .unknownUnit("lbs"))
        #expect(QuantityText.parseMass("five t", defaultUnit: .tonne) == .invalidNumber)
    }
}
