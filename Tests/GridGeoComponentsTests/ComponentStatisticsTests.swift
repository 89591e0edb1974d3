import GridGeoComponents
import GridGeoCore
import GridGeoStore
import Testing

@Suite struct ComponentStatisticsTests {
    @Test func countsPerDivisionAndClassAsCSV() throws {
        try Area.withStore { store in
            let ledger = try ComponentLedger(store: store)
            let west = Coordinate(lon: 116.4025, lat: 39.9175), east = Coordinate(lon: 116.4175, lat: 39.9025)
            let codes = try ledger.add([Area.record("0101", "a", at: west), Area.record("0101", "b", at: west),
                                        Area.record("0203", "c", at: east), Area.record("0203", "d", at: east, on: "2021-01-01")]).codes
            try ledger.retire(codes[1], on: date("2022-01-01"))

            let streets = try ComponentStatistics.rows(store, by: .street)
            #expect(ComponentStatistics.csv(streets, level: .street) == """
                street_code,street_name,class_code,class_name,count
                110101001,东华门街道,0101,上水井盖,1
                110101002,景山街道,0203,公交站亭,2

                """)
            let past = try ComponentStatistics.rows(store, by: .community, on: date("2020-06-01"))
            #expect(past.map { "\($0.divisionCode) \($0.divisionName) \($0.classCode) \($0.count)" }
                    == ["110101001001 多福巷社区 0101 2", "110101002001 景山社区 0203 1"])
            let grids = try ComponentStatistics.rows(store, by: .grid, classCode: "02")
            #expect(grids.map(\.divisionCode) == ["110101002001008"] && grids.map(\.count) == [2] && grids[0].divisionName.isEmpty)
        }
    }

    @Test func fieldsWithCommasOrQuotesAreQuoted() {
        let row = ComponentStatisticsRow(divisionCode: "110101001", divisionName: "A,B \"C\"", classCode: "0101",
                                         className: "x", count: 3)
        #expect(ComponentStatistics.csv([row], level: .street).split(separator: "\n")[1] == #"110101001,"A,B ""C""",0101,x,3"#)
    }
}
