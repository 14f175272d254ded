// Word lists for the similarity key (name-key.ts): Chinese trade words with their English word,
// English spellings folded to one, and place names (hanzi → pinyin; Latin spellings).

/** Hanzi trade words and the English word the English name of the same company uses. */
export const CJK_TRADE_WORDS = new Map<string, string>(Object.entries({
  进出口: 'import export', 贸易: 'trading', 商贸: 'trading', 经贸: 'trading', 外贸: 'trading', 工贸: 'industrial trading', 商行: 'trading',
  科技: 'technology', 技术: 'technology', 电子: 'electronics', 电器: 'electric appliance', 电气: 'electric', 机械: 'machinery', 机电: 'electromechanical',
  五金: 'hardware', 纺织: 'textile', 服装: 'garment', 服饰: 'apparel', 鞋业: 'shoes', 照明: 'lighting', 灯饰: 'lighting', 光电: 'optoelectronic',
  塑料: 'plastic', 塑胶: 'plastic', 橡胶: 'rubber', 包装: 'packaging', 印刷: 'printing', 化工: 'chemical', 化学: 'chemical', 家具: 'furniture',
  家居: 'home', 实业: 'industrial', 工业: 'industrial', 制造: 'manufacturing', 制品: 'products', 产品: 'products', 工艺品: 'crafts', 工艺: 'crafts',
  礼品: 'gifts', 玩具: 'toys', 陶瓷: 'ceramics', 玻璃: 'glass', 金属: 'metal', 钢铁: 'steel', 不锈钢: 'stainless steel', 铝业: 'aluminium',
  新材料: 'new materials', 材料: 'materials', 新能源: 'new energy', 能源: 'energy', 太阳能: 'solar', 光伏: 'solar', 汽车: 'auto', 汽配: 'auto parts',
  配件: 'parts', 零部件: 'parts', 设备: 'equipment', 仪器: 'instruments', 医疗: 'medical', 器械: 'devices', 食品: 'food', 农业: 'agriculture',
  生物: 'biotech', 医药: 'pharmaceutical', 药业: 'pharmaceutical', 日用品: 'daily products', 用品: 'supplies', 体育: 'sports', 运动: 'sports',
  箱包: 'bags', 皮具: 'leather', 皮革: 'leather', 眼镜: 'optical', 钟表: 'watches', 珠宝: 'jewelry', 饰品: 'accessories', 文具: 'stationery',
  通讯: 'communication', 通信: 'communication', 网络: 'network', 信息: 'information', 软件: 'software', 智能: 'smart', 数码: 'digital',
  国际: 'international', 物流: 'logistics', 供应链: 'supply chain', 货运: 'freight', 控股: 'holdings', 投资: 'investment', 发展: 'development',
  集团: 'group', 企业: 'enterprise', 工厂: 'factory', 厂: 'factory', 电池: 'battery', 电缆: 'cable', 线缆: 'cable', 电线: 'wire', 阀门: 'valves',
  泵业: 'pumps', 轴承: 'bearings', 模具: 'mould', 卫浴: 'sanitary ware', 建材: 'building materials', 石材: 'stone', 木业: 'wood', 纸业: 'paper',
  茶叶: 'tea', 宠物: 'pet', 化妆品: 'cosmetics', 美容: 'beauty', 户外: 'outdoor', 安防: 'security', 电源: 'power', 显示: 'display',
  环保: 'environmental', 厨具: 'kitchenware', 餐具: 'tableware', 家电: 'appliances', 自动化: 'automation', 精密: 'precision', 工具: 'tools',
  紧固件: 'fasteners', 管业: 'pipes', 船舶: 'marine', 自行车: 'bicycle', 电动车: 'electric vehicle', 轮胎: 'tyres', 织造: 'weaving',
  针织: 'knitting', 制衣: 'garment', 时装: 'fashion', 纸品: 'paper products', 工程: 'engineering', 咨询: 'consulting', 服务: 'services',
  实验室: 'laboratory', 机器人: 'robotics', 半导体: 'semiconductor', 照明电器: 'lighting', 家用电器: 'appliances',
}));

/** English spellings and abbreviations folded to the word the hanzi map to. */
export const ENGLISH_CANONICAL = new Map<string, string>(Object.entries({
  trade: 'trading', traders: 'trading', trader: 'trading', tech: 'technology', technologies: 'technology', technological: 'technology', technic: 'technology',
  electronic: 'electronics', elec: 'electronics', industries: 'industrial', industry: 'industrial', ind: 'industrial', indus: 'industrial',
  imp: 'import', exp: 'export', impexp: 'import export', intl: 'international', int: 'international', inter: 'international',
  mfg: 'manufacturing', manufacture: 'manufacturing', manufacturer: 'manufacturing', manufactory: 'manufacturing', product: 'products', prod: 'products',
  machine: 'machinery', machines: 'machinery', mach: 'machinery', garments: 'garment', clothing: 'garment', apparels: 'apparel', textiles: 'textile',
  lights: 'lighting', light: 'lighting', plastics: 'plastic', ceramic: 'ceramics', toy: 'toys', gift: 'gifts', craft: 'crafts', handicrafts: 'crafts',
  handicraft: 'crafts', holding: 'holdings', enterprises: 'enterprise', ent: 'enterprise', equip: 'equipment', automotive: 'auto', automobile: 'auto',
  chem: 'chemical', chemicals: 'chemical', pharma: 'pharmaceutical', pharmaceuticals: 'pharmaceutical', material: 'materials', metals: 'metal',
  tool: 'tools', supply: 'supplies', logistic: 'logistics', develop: 'development', dev: 'development', invest: 'investment',
  communications: 'communication', comm: 'communication', appliance: 'appliances', bag: 'bags', shoe: 'shoes', footwear: 'shoes', sport: 'sports',
  packing: 'packaging', package: 'packaging', print: 'printing', grp: 'group', groups: 'group', biotechnology: 'biotech', bio: 'biotech',
  hi: 'high', hitech: 'high technology', hightech: 'high technology', mould: 'mould', mold: 'mould', moulds: 'mould', molds: 'mould',
  shoji: 'trading', handel: 'trading', handels: 'trading', handelsgesellschaft: 'trading', comercio: 'trading', commerce: 'trading', foods: 'food',
  aluminum: 'aluminium', jewellery: 'jewelry', tire: 'tyres', tires: 'tyres', tyre: 'tyres', svc: 'services', service: 'services',
}));

/** Hanzi places (cities, provinces, a few districts) → pinyin. */
export const CJK_PLACES = new Map<string, string>(Object.entries({
  中国: 'china', 香港: 'hongkong', 澳门: 'macau', 台湾: 'taiwan',
  深圳: 'shenzhen', 广州: 'guangzhou', 东莞: 'dongguan', 佛山: 'foshan', 义乌: 'yiwu', 宁波: 'ningbo', 杭州: 'hangzhou', 上海: 'shanghai',
  北京: 'beijing', 厦门: 'xiamen', 青岛: 'qingdao', 天津: 'tianjin', 苏州: 'suzhou', 温州: 'wenzhou', 台州: 'taizhou', 中山: 'zhongshan',
  珠海: 'zhuhai', 惠州: 'huizhou', 汕头: 'shantou', 泉州: 'quanzhou', 福州: 'fuzhou', 南京: 'nanjing', 无锡: 'wuxi', 常州: 'changzhou',
  金华: 'jinhua', 绍兴: 'shaoxing', 嘉兴: 'jiaxing', 湖州: 'huzhou', 武汉: 'wuhan', 成都: 'chengdu', 重庆: 'chongqing', 西安: 'xian',
  长沙: 'changsha', 郑州: 'zhengzhou', 济南: 'jinan', 大连: 'dalian', 沈阳: 'shenyang', 江门: 'jiangmen', 潮州: 'chaozhou', 揭阳: 'jieyang',
  晋江: 'jinjiang', 石狮: 'shishi', 莆田: 'putian', 漳州: 'zhangzhou', 烟台: 'yantai', 威海: 'weihai', 临沂: 'linyi', 潍坊: 'weifang',
  永康: 'yongkang', 慈溪: 'cixi', 余姚: 'yuyao', 昆山: 'kunshan', 张家港: 'zhangjiagang', 江阴: 'jiangyin', 南通: 'nantong', 合肥: 'hefei',
  广东: 'guangdong', 浙江: 'zhejiang', 江苏: 'jiangsu', 福建: 'fujian', 山东: 'shandong', 河北: 'hebei', 河南: 'henan', 湖南: 'hunan',
  湖北: 'hubei', 安徽: 'anhui', 江西: 'jiangxi', 四川: 'sichuan', 辽宁: 'liaoning',
  宝安: 'baoan', 龙岗: 'longgang', 福田: 'futian', 龙华: 'longhua', 番禺: 'panyu', 花都: 'huadu', 顺德: 'shunde', 海曙: 'haishu',
  鄞州: 'yinzhou', 南海: 'nanhai', 北仑: 'beilun', 萧山: 'xiaoshan', 余杭: 'yuhang', 浦东: 'pudong', 闵行: 'minhang', 松江: 'songjiang', 虎门: 'humen',
}));

/** Latin spellings of places (one or two words) → the same token as the hanzi. */
export const LATIN_PLACES = new Map<string, string>([
  ...[...CJK_PLACES.values()].map((p) => [p, p] as [string, string]),
  ['hong kong', 'hongkong'], ['hk', 'hongkong'], ['prc', 'china'], ['macao', 'macau'], ['xi an', 'xian'],
  ['usa', 'usa'], ['uk', 'uk'], ['vietnam', 'vietnam'], ['india', 'india'], ['dubai', 'dubai'], ['uae', 'uae'], ['singapore', 'singapore'],
]);

/** Traditional characters of company names and places, each followed by its simplified form. */
const TRADITIONAL_PAIRS =
  '廈厦門门東东億亿匯汇寶宝廣广業业紡纺織织裝装豐丰貿贸輝辉進进達达錦锦興兴電电' +
  '實实華华發发順顺龍龙鳳凤風风陽阳慶庆寧宁灣湾臺台蘇苏無无錫锡溫温嶺岭莊庄義义烏乌' +
  '間间開开關关陳陈黃黄劉刘張张楊杨趙赵吳吴鄭郑謝谢許许馮冯鄧邓盧卢葉叶蔣蒋韓韩聯联' +
  '創创網网絡络訊讯資资應应體体醫医藥药療疗線线纜缆燈灯飾饰製制麗丽紅红綠绿藍蓝銀银' +
  '繡绣協协會会貝贝財财貴贵買买賣卖質质購购測测試试設设備备計计場场廠厂號号區区縣县' +
  '鎮镇園园滬沪閩闽遼辽魯鲁粵粤瓊琼陝陕萬万與与專专絲丝產产團团務务禮礼車车輪轮軟软' +
  '傳传偉伟傑杰勝胜維维鴻鸿樂乐歡欢鑽钻鐘钟錶表鏡镜鍋锅壓压膠胶紙纸氣气熱热際际國国' +
  '鐵铁鋼钢鋁铝環环運运貨货藝艺衛卫億亿點点機机電电廈厦島岛灣湾東东門门嶼屿澤泽濱滨' +
  '豪豪億亿輕轻紗纱綿绵錢钱銷销業业屬属優优頓顿級级壽寿韻韵順顺盛盛圓圆廣广禦御誠诚' +
  '達达遠远連连進进過过邁迈鋒锋鑫鑫錦锦闊阔陸陆隆隆雲云靈灵頭头題题顏颜風风飛飞騰腾' +
  '體体鬆松麥麦齊齐龜龟戶户擁拥數数昇升曉晓極极構构標标樣样橋桥歐欧殼壳滙汇漁渔潔洁' +
  '濟济灑洒爾尔獅狮現现瑪玛畫画碼码礦矿祿禄禎祯穩稳競竞筆笔節节範范築筑簡简類类紀纪' +
  '約约紋纹紡纺結结統统經经綜综緯纬縫缝織织總总繫系翔翔聖圣聲声腦脑臨临興兴舉举艦舰' +
  '莊庄蓋盖蘭兰處处號号蝦虾衆众裝装複复見见規规覽览觀观訂订記记許许評评語语說说調调' +
  '諾诺謙谦識识譽誉豐丰貫贯賀贺資资賓宾贏赢趙赵跡迹軍军軒轩農农遙遥鄉乡醫医釣钓銅铜' +
  '鋪铺錄录鍍镀鎖锁鏈链長长閃闪閣阁陽阳隊队階阶雙双雜杂雞鸡離离電电霸霸順顺頌颂領领' +
  '頻频顧顾飲饮飼饲館馆馬马駿骏騎骑驗验鬥斗魚鱼鮮鲜鳥鸟鴨鸭鵬鹏鹽盐麗丽黨党齒齿貓猫';

export const TRADITIONAL_TO_SIMPLIFIED = new Map<string, string>(
  Array.from({ length: TRADITIONAL_PAIRS.length / 2 }, (_, i) => [TRADITIONAL_PAIRS[2 * i]!, TRADITIONAL_PAIRS[2 * i + 1]!]),
);
