import Foundation
import GridGeoStore
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func validDatesRoundTrip(_ text: String) throws {
        let parsed = try #require(LocalDate(text))
        #expect(parsed.description == text)
        let json = try JSONEncoder().encode(parsed)
        #expect(try JSONDecoder().decode(LocalDate.self, from: json) == parsed)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-1-01", "24-01-01", "2024/01/01",
                      "２０２４-01-01", "+123-01-01", "2024-01-+1", ""])
    func invalidDatesAreNil(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func datesOrderChronologically() {
        #expect(LocalDate("2023-12-31")! < LocalDate("2024-01-01")!)
        #expect(LocalDate(year: 2024, month: 7, day: 1) == LocalDate("2024-07-01"))
    }
}
