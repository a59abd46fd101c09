//! The Vietnam–China border gates delegations cross at. A travel leg names its gate by
//! code, so that the roster sent to the border guard, the itinerary and the yearly counts
//! all agree on which gate it was.

/// One border gate and the gate facing it across the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BorderGate {
    pub code: &'static str,
    /// The Vietnamese name, as on official papers.
    pub name: &'static str,
    pub province: &'static str,
    /// The gate on the Chinese side, in Chinese and in Vietnamese reading.
    pub facing_zh: &'static str,
    pub facing_vi: &'static str,
}

pub const BORDER_GATES: &[BorderGate] = &[
    BorderGate {
        code: "huu_nghi",
        name: "Cửa khẩu quốc tế Hữu Nghị",
        province: "Lạng Sơn",
        facing_zh: "友谊关",
        facing_vi: "Hữu Nghị Quan (Bằng Tường, Quảng Tây)",
    },
    BorderGate {
        code: "dong_dang",
        name: "Ga đường sắt liên vận quốc tế Đồng Đăng",
        province: "Lạng Sơn",
        facing_zh: "凭祥站",
        facing_vi: "Ga Bằng Tường (Quảng Tây)",
    },
    BorderGate {
        code: "chi_ma",
        name: "Cửa khẩu Chi Ma",
        province: "Lạng Sơn",
        facing_zh: "爱店",
        facing_vi: "Ái Điểm (Quảng Tây)",
    },
    BorderGate {
        code: "mong_cai",
        name: "Cửa khẩu quốc tế Móng Cái",
        province: "Quảng Ninh",
        facing_zh: "东兴",
        facing_vi: "Đông Hưng (Quảng Tây)",
    },
    BorderGate {
        code: "hoanh_mo",
        name: "Cửa khẩu Hoành Mô",
        province: "Quảng Ninh",
        facing_zh: "峒中",
        facing_vi: "Động Trung (Quảng Tây)",
    },
    BorderGate {
        code: "ta_lung",
        name: "Cửa khẩu quốc tế Tà Lùng",
        province: "Cao Bằng",
        facing_zh: "水口",
        facing_vi: "Thủy Khẩu (Quảng Tây)",
    },
    BorderGate {
        code: "tra_linh",
        name: "Cửa khẩu quốc tế Trà Lĩnh",
        province: "Cao Bằng",
        facing_zh: "龙邦",
        facing_vi: "Long Bang (Quảng Tây)",
    },
    BorderGate {
        code: "soc_giang",
        name: "Cửa khẩu Sóc Giang",
        province: "Cao Bằng",
        facing_zh: "平孟",
        facing_vi: "Bình Mãng (Quảng Tây)",
    },
    BorderGate {
        code: "thanh_thuy",
        name: "Cửa khẩu quốc tế Thanh Thủy",
        province: "Hà Giang",
        facing_zh: "天保",
        facing_vi: "Thiên Bảo (Vân Nam)",
    },
    BorderGate {
        code: "lao_cai",
        name: "Cửa khẩu quốc tế Lào Cai",
        province: "Lào Cai",
        facing_zh: "河口",
        facing_vi: "Hà Khẩu (Vân Nam)",
    },
    BorderGate {
        code: "kim_thanh",
        name: "Cửa khẩu quốc tế đường bộ số II Kim Thành",
        province: "Lào Cai",
        facing_zh: "河口北山",
        facing_vi: "Bắc Sơn, Hà Khẩu (Vân Nam)",
    },
    BorderGate {
        code: "ma_lu_thang",
        name: "Cửa khẩu quốc tế Ma Lù Thàng",
        province: "Lai Châu",
        facing_zh: "金水河",
        facing_vi: "Kim Thủy Hà (Vân Nam)",
    },
];

/// The gate with this code, e.g. `huu_nghi`.
pub fn border_gate(code: &str) -> Option<&'static BorderGate> {
    BORDER_GATES.iter().find(|g| g.code == code)
}
